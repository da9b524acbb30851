"""The machinery every stage uses and that knows nothing of articles: the build cache and digests, worker processes, child-process lifetime, progress on a terminal."""
