"""Importing: Word, OpenDocument, PowerPoint and PDF files in, draft documents out.

Each format has a reader (`from_docx`, `from_odt`, `from_pptx`, `from_pdf`) that turns a
file's bytes into the shared document model (`model`); `markdown` writes the model as a
body our renderer reads as intended, `proposal` proposes the front matter, and
`command` plans and writes the files of `ksr-library import`. Readers import their
third-party parsers, so this package's `__init__` imports nothing.
"""
