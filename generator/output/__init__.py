"""The output folder on disk: staged writes swapped in whole, the link check, and the offline zip bundle. Imports content and core."""
