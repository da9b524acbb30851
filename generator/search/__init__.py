"""Full-text search: Pagefind run over the written site, its bundle made deterministic and usable from file://. Imports content and core."""
