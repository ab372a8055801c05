"""ksr-library: publish the KSR project library as a static site."""
