"""Accessibility statement: the "deklaracja dostępności" a Polish public body must publish.

The 2019 act on the digital accessibility of public bodies' websites (Dz.U. 2023 poz. 1440)
requires a statement built as the ministry's technical conditions prescribe ("Warunki
techniczne publikacji oraz struktura dokumentu elektronicznego deklaracji dostępności",
version 2.0, July 2024): an HTML page of its own whose mandatory elements carry fixed ids
(`MANDATORY_IDS`), linked from every page and named by `<meta name="deklaracja-dostępności">`.

`AccessibilityConfig` is the schema of the `accessibility:` section of mkdocs.yml (a
MkDocs `Config`, so a missing field is refused with its name); `statement_html` renders the
page; `pdf_problem` finds PDF attachments a screen reader cannot use well (no title, no
language, no tags), which the statement lists as content that is not accessible.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, ValidationError

from ksr_library.errors import ProjectError

STATUSES = ("zgodna", "częściowo zgodna", "niezgodna")
"""The three statuses the act knows, as the statement words them."""

MANDATORY_IDS = (
    "a11y-deklaracja",
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-sporzadzenia",
    "a11y-audytor",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
)
"""Ids every statement page carries, each exactly once.

`a11y-data-sporzadzenie` is the spelling of the technical conditions and of the tools that
check statements; `a11y-data-sporzadzenia` (the element that holds it) is kept for tools
that look for that spelling.
"""

OPTIONAL_IDS = (
    "a11y-tresci-niedostepne",
    "a11y-wylaczenia",
    "a11y-ocena",
    "a11y-data-przeglad",
    "a11y-architektura",
    "a11y-aplikacje",
)
"""Ids a statement carries only when the configuration fills them in."""

_REQUIRED = "Required configuration not provided."
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{6,24}$")


class _Date(BaseConfigOption[dt.date]):
    """A date written `YYYY-MM-DD` (YAML reads it as a date; a quoted one is parsed here)."""

    def run_validation(self, value: object) -> dt.date:
        if value is None:
            raise ValidationError(_REQUIRED)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(
                f"expected a date written YYYY-MM-DD, e.g. 2024-03-31; got {value!r}"
            ) from None


class _Matching(BaseConfigOption[str]):
    """A string that must match a pattern; `what` names it in the error."""

    def __init__(self, pattern: re.Pattern[str], what: str) -> None:
        super().__init__()
        self.pattern = pattern
        self.what = what

    def run_validation(self, value: object) -> str:
        if value is None:
            raise ValidationError(_REQUIRED)
        text = str(value).strip() if isinstance(value, str | int) else ""
        if not self.pattern.match(text):
            raise ValidationError(f"expected {self.what}; got {value!r}")
        return text


class ContactConfig(base.Config):  # type: ignore[no-untyped-call]
    """Who answers requests and complaints about accessibility."""

    person = c.Type(str)
    """The person (or unit) responsible for requests and complaints (`a11y-osoba`)."""
    email = _Matching(_EMAIL, "an e-mail address, e.g. dostepnosc@ipiss.example.org")
    """Their e-mail address (`a11y-email`)."""
    phone = _Matching(_PHONE, "a phone number, e.g. +48 22 000 00 00")
    """Their phone number (`a11y-telefon`)."""


class AccessibilityConfig(base.Config):  # type: ignore[no-untyped-call]
    """The `accessibility:` section of mkdocs.yml: what the statement says."""

    entity = c.Type(str)
    """The public body whose site this is (`a11y-podmiot`)."""
    published = _Date()
    """When the site was first published (`a11y-data-publikacja`)."""
    updated = _Date()
    """When the site was last substantially updated (`a11y-data-aktualizacja`)."""
    status = c.Choice(STATUSES)
    """`zgodna`, `częściowo zgodna` or `niezgodna` with the act (`a11y-status`)."""
    nonaccessible = c.ListOfItems(c.Type(str), default=[])
    """Content that is not accessible, each with the reason (inaccessible PDFs are added)."""
    exclusions = c.ListOfItems(c.Type(str), default=[])
    """Content the act exempts (e.g. files published before 23 September 2018)."""
    burden_assessment = c.Optional(c.URL())
    """Link to the analysis of a disproportionate burden, where the statement relies on one."""
    prepared = _Date()
    """When the statement was prepared (`a11y-data-sporzadzenie`)."""
    reviewed = c.Optional(_Date())
    """When the statement was last reviewed (`a11y-data-przeglad`)."""
    auditor = c.Optional(c.Type(str))
    """Who audited the site; leave out for a self-assessment by the body (`a11y-audytor`)."""
    contact = c.SubConfig(ContactConfig)
    """Who answers requests and complaints."""
    architecture = c.Optional(c.Type(str))
    """Accessibility of the body's buildings, if the statement describes it (`a11y-architektura`)."""
    mobile_apps = c.ListOfItems(c.Type(str), default=[])
    """The body's mobile apps, if any (`a11y-aplikacje`)."""
    known_inaccessible = c.ListOfItems(c.Type(str), default=[])
    """Attachments (paths in the site, e.g. `dokumenty/rek-07/pliki/a.pdf`) known not to be
    accessible: the statement lists them, and the build no longer warns about them."""
    path = c.Type(str, default="deklaracja-dostepnosci/")
    """Where the statement page lives, relative to the site root."""


def load(section: dict[str, object]) -> AccessibilityConfig:
    """Validate an `accessibility:` section on its own (outside a MkDocs build).

    Raises:
        ProjectError: A field is missing or wrong; the message names it.
    """
    config = AccessibilityConfig()
    config.load_dict(section)
    failed, _warnings = config.validate()
    if failed:
        key, error = failed[0]
        raise ProjectError(f"mkdocs.yml: accessibility: '{key}': {error}")
    return config


def statement_url(site_url: str | None, config: AccessibilityConfig) -> str:
    """The absolute URL of the statement page: the `content` of the meta tag on every page.

    Raises:
        ProjectError: mkdocs.yml has no `site_url`; the statement must name its address.
    """
    if not site_url:
        raise ProjectError(
            "mkdocs.yml: the accessibility statement needs 'site_url' (the address the site is published at)"
        )
    return f"{site_url.rstrip('/')}/{config.path.lstrip('/')}"


META_NAME = "deklaracja-dostępności"
"""The `name` of the meta tag every page carries, its `content` the statement's URL."""


@dataclass(frozen=True)
class PdfProblem:
    """A PDF attachment that assistive technology cannot use well."""

    file: str
    """The file as the reader finds it (e.g. its path in the site)."""
    missing: tuple[str, ...]
    """What it lacks: any of `title`, `language`, `tags`; or `readable` when it cannot be read."""

    @property
    def message(self) -> str:
        """The build warning, naming the file and what to fix."""
        if "readable" in self.missing:
            return f"{self.file}: the PDF cannot be read to check its accessibility; export it again"
        return (
            f"{self.file}: the PDF has no {', no '.join(self.missing)}: export it as a tagged PDF with a title "
            "and the document language set (the accessibility statement lists it as not accessible)"
        )

    @property
    def polish(self) -> str:
        """The entry of the statement's list of content that is not accessible."""
        words = {"title": "tytułu", "language": "określonego języka", "tags": "znaczników struktury"}
        if "readable" in self.missing:
            return f"Plik PDF {self.file} nie daje się odczytać narzędziom wspomagającym."
        lacks = [words[m] for m in self.missing]
        listed = ", ".join(lacks[:-1]) + " ani " + lacks[-1] if len(lacks) > 1 else lacks[0]
        return f"Plik PDF {self.file} nie ma {listed}, więc czytniki ekranu mogą odczytać go niepoprawnie."


def pdf_problem(path: Path, file: str) -> PdfProblem | None:
    """What a PDF lacks for assistive technology (title, language, tags), or `None` if nothing.

    Args:
        path: The PDF on disk.
        file: How to name it in messages (e.g. its path in the site).
    """
    from pypdf import PdfReader

    try:
        reader = PdfReader(path, strict=False)
        root = reader.root_object
        title = reader.metadata.title if reader.metadata else None
        language = root.get("/Lang")
        mark_info = root.get("/MarkInfo")
        marked = bool(mark_info and mark_info.get_object().get("/Marked"))
        tagged = marked and "/StructTreeRoot" in root
    except Exception:  # any damage in an untrusted file means it cannot be checked
        return PdfProblem(file, ("readable",))
    missing = tuple(
        name
        for name, ok in (
            ("title", bool(str(title or "").strip())),
            ("language", bool(language)),
            ("tags", tagged),
        )
        if not ok
    )
    return PdfProblem(file, missing) if missing else None


def pdf_problems(files: Iterable[tuple[Path, str]]) -> list[PdfProblem]:
    """`pdf_problem` of every `(path, file)` whose name ends in `.pdf`, problems only."""
    return [
        problem
        for path, file in files
        if path.suffix.lower() == ".pdf" and (problem := pdf_problem(path, file)) is not None
    ]


_TEMPLATE = """\
<h1 id="a11y-deklaracja">Deklaracja dostępności</h1>
<p id="a11y-wstep"><span id="a11y-podmiot">{{ c.entity }}</span> zobowiązuje się zapewnić \
dostępność swojej strony internetowej zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności \
cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych. Deklaracja dostępności \
dotyczy strony internetowej <a id="a11y-url" href="{{ site_url }}">{{ site_name }}</a>.</p>
<ul>
<li>Data publikacji strony internetowej: {{ day("a11y-data-publikacja", c.published) }}.</li>
<li>Data ostatniej istotnej aktualizacji: {{ day("a11y-data-aktualizacja", c.updated) }}.</li>
</ul>
<h2>Stan dostępności cyfrowej</h2>
<p id="a11y-status">Strona internetowa jest <strong>{{ status }}</strong> z ustawą z dnia \
4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów \
publicznych{% if status != "zgodna" %} z powodu niezgodności lub wyłączeń wymienionych \
poniżej{% endif %}.</p>
{% if nonaccessible %}
<h3>Treści niedostępne</h3>
<ul id="a11y-tresci-niedostepne">
{% for item in nonaccessible %}<li>{{ item }}</li>
{% endfor %}</ul>
{% endif %}
{% if c.exclusions %}
<h3>Wyłączenia</h3>
<ul id="a11y-wylaczenia">
{% for item in c.exclusions %}<li>{{ item }}</li>
{% endfor %}</ul>
{% endif %}
{% if c.burden_assessment %}
<p>Podmiot przeprowadził analizę nadmiernego obciążenia: \
<a id="a11y-ocena" href="{{ c.burden_assessment }}">wynik analizy nadmiernego obciążenia</a>.</p>
{% endif %}
<h2>Przygotowanie deklaracji dostępności</h2>
<ul>
<li id="a11y-data-sporzadzenia">Data sporządzenia deklaracji: \
{{ day("a11y-data-sporzadzenie", c.prepared) }}.</li>
{% if c.reviewed %}<li>Data ostatniego przeglądu deklaracji: {{ day("a11y-data-przeglad", c.reviewed) }}.</li>
{% endif %}</ul>
<p id="a11y-audytor">{% if c.auditor %}Deklarację sporządzono na podstawie badania \
przeprowadzonego przez podmiot zewnętrzny: {{ c.auditor }}.{% else %}Deklarację sporządzono \
na podstawie samooceny przeprowadzonej przez podmiot publiczny.{% endif %}</p>
<h2 id="a11y-kontakt">Informacje zwrotne i dane kontaktowe</h2>
<p>Jeśli zauważysz problem z dostępnością strony albo potrzebujesz jej treści w innej formie, \
napisz lub zadzwoń. Za rozpatrywanie uwag i wniosków odpowiada: \
<span id="a11y-osoba">{{ c.contact.person }}</span>, e-mail: \
<a id="a11y-email" href="mailto:{{ c.contact.email }}">{{ c.contact.email }}</a>, telefon: \
<a id="a11y-telefon" href="tel:{{ tel }}">{{ c.contact.phone }}</a>. Tą samą drogą można \
składać wnioski o udostępnienie informacji niedostępnej oraz żądania zapewnienia dostępności.</p>
<h2 id="a11y-procedura">Obsługa wniosków i skarg związanych z dostępnością</h2>
<p>Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej strony internetowej \
lub jej elementu. Można też zażądać udostępnienia informacji w alternatywny sposób, \
na przykład przez odczytanie niedostępnego cyfrowo dokumentu.</p>
<p>Żądanie powinno zawierać:</p>
<ul>
<li>dane kontaktowe osoby zgłaszającej żądanie,</li>
<li>wskazanie strony internetowej lub elementu strony, którego dotyczy żądanie,</li>
<li>wskazanie dogodnej formy udostępnienia informacji, jeśli żądanie dotyczy udostępnienia \
informacji w alternatywny sposób.</li>
</ul>
<p>{{ c.entity }} realizuje żądanie niezwłocznie, nie później niż w ciągu 7 dni od dnia jego \
wystąpienia. Jeżeli dotrzymanie tego terminu nie jest możliwe, niezwłocznie informuje o tym \
osobę zgłaszającą i podaje termin, nie dłuższy niż 2 miesiące od dnia wystąpienia z żądaniem. \
Jeżeli zapewnienie dostępności cyfrowej nie jest możliwe, proponuje alternatywny sposób \
dostępu do informacji.</p>
<p>Gdy podmiot odmówi zapewnienia dostępności lub alternatywnego sposobu dostępu, można złożyć \
skargę do podmiotu. Po wyczerpaniu tej procedury można złożyć wniosek do \
<a href="https://bip.brpo.gov.pl/">Rzecznika Praw Obywatelskich</a>.</p>
{% if c.architecture %}
<h2 id="a11y-architektura">Dostępność architektoniczna</h2>
<p>{{ c.architecture }}</p>
{% endif %}
{% if c.mobile_apps %}
<h2>Aplikacje mobilne</h2>
<ul id="a11y-aplikacje">
{% for app in c.mobile_apps %}<li>{{ app }}</li>
{% endfor %}</ul>
{% endif %}
"""

_ENVIRONMENT = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True)


def _day(element_id: str, value: dt.date) -> Markup:
    return Markup('<time id="{0}" datetime="{1}">{1}</time>').format(element_id, value.isoformat())


def effective_status(config: AccessibilityConfig, pdf_problems: Sequence[PdfProblem] = ()) -> str:
    """The status the statement declares: never `zgodna` while it lists content that is not accessible."""
    if config.status == "zgodna" and (config.nonaccessible or pdf_problems):
        return "częściowo zgodna"
    return str(config.status)


def statement_html(
    config: AccessibilityConfig,
    *,
    site_name: str,
    site_url: str,
    pdf_problems: Sequence[PdfProblem] = (),
) -> str:
    """The statement page as HTML: every mandatory element with its id, in Polish.

    Dates are written `YYYY-MM-DD` inside `<time>`, the form the technical conditions
    prescribe and checking tools read. The status is `effective_status`.

    Args:
        config: The validated `accessibility:` section.
        site_name: The site's name (`site_name` of mkdocs.yml).
        site_url: The site's address (`site_url` of mkdocs.yml).
        pdf_problems: PDF attachments that are not accessible; listed with the content that is not.
    """
    template = _ENVIRONMENT.from_string(_TEMPLATE)
    return template.render(
        c=config,
        status=effective_status(config, pdf_problems),
        site_name=site_name,
        site_url=site_url,
        tel=re.sub(r"[^0-9+]", "", config.contact.phone),
        nonaccessible=[*config.nonaccessible, *(p.polish for p in pdf_problems)],
        day=_day,
    )
