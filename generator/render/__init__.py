"""Pages from values: Markdown bodies, Jinja templates and their views, entity and list pages, charts and feeds. Imports entities, content and core."""
