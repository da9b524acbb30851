"""Who and what the articles name: name finding, entity discovery, typing and joining, entity files, mention linking, and the relations between articles and entities. Imports content and core."""
