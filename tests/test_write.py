"""Writing the output: nothing lands outside the output folder, and the swap is all or nothing."""

import pytest

from generator.content.errors import UsageError
from generator.output.write import (
    check_output_folder,
    remove_tree,
    safe_output_path,
    staged_output,
)


@pytest.mark.parametrize("url", ["../escape.html", "/etc/passwd", "a/../../b.html", "..", "a\\b.html", "a\x00.html"])
def test_paths_outside_the_output_folder_are_refused(tmp_path, url):
    with pytest.raises(UsageError, match="outside the output folder"):
        safe_output_path(tmp_path, url)


def test_two_pages_on_one_output_file_are_refused(tmp_path):
    with pytest.raises(UsageError, match="two pages want the same output file"):
        with staged_output(tmp_path / "site") as tree:
            tree.write_text("a.html", "one")
            tree.write_text("a.html", "two")
    assert not (tmp_path / "site").exists()


def test_an_error_inside_the_build_leaves_the_old_output(tmp_path):
    out = tmp_path / "site"
    with staged_output(out) as tree:
        tree.write_text("index.html", "old")
    with pytest.raises(RuntimeError):
        with staged_output(out) as tree:
            tree.write_text("index.html", "new")
            raise RuntimeError("interrupted")
    assert (out / "index.html").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_unchanged_files_are_hard_linked_not_copied(tmp_path):
    out = tmp_path / "site"
    with staged_output(out) as tree:
        tree.write_text("a/page.html", "same")
    inode = (out / "a" / "page.html").stat().st_ino
    with staged_output(out) as tree:
        tree.link_file(str(out / "a" / "page.html"), "a/page.html")
    assert (out / "a" / "page.html").stat().st_ino == inode
    assert (out / "a" / "page.html").read_text() == "same"


def test_an_output_folder_holding_the_sources_is_refused(tmp_path):
    (tmp_path / "content").mkdir()
    with pytest.raises(UsageError, match="choose another --out"):
        check_output_folder(tmp_path, [tmp_path / "content"])


def test_remove_tree_deletes_many_files_in_nested_folders(tmp_path):
    root = tmp_path / "old"
    for folder in range(12):
        sub = root / f"d{folder}" / "inner"
        sub.mkdir(parents=True)
        for number in range(120):
            (sub / f"f{number}.html").write_text("x")
    (root / "top.txt").write_text("y")
    remove_tree(root)
    assert not root.exists()
    assert list(tmp_path.iterdir()) == []


def test_remove_tree_of_a_small_or_missing_folder(tmp_path):
    small = tmp_path / "small"
    (small / "a").mkdir(parents=True)
    (small / "a" / "b.txt").write_text("z")
    remove_tree(small)
    remove_tree(tmp_path / "never-there")
    assert list(tmp_path.iterdir()) == []


def test_a_change_set_that_fails_half_way_leaves_the_output_as_it_was(tmp_path, monkeypatch):
    import contextlib
    import os

    from generator.output.write import OutputTree, apply_in_place
    out, staged = tmp_path / "site", tmp_path / "staged"
    (out / "a").mkdir(parents=True)
    (out / "a" / "one.html").write_text("old one")
    (out / "two.html").write_text("old two")
    (out / "gone.html").write_text("old gone")
    def staged_tree(folder):
        tree = OutputTree(folder, out)
        for url, text in (("a/one.html", "new one"), ("b/three.html", "new three"), ("two.html", "new two")):
            tree.write_text(url, text)
        return tree

    tree = staged_tree(staged)
    real = os.replace

    def failing(source, target, *args, **kwargs):
        if str(target).endswith("two.html"):
            raise OSError(28, "No space left on device")
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        apply_in_place(tree, ["a/one.html", "b/three.html", "two.html"], ["gone.html"], contextlib.nullcontext)
    assert {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file()} == \
        {"a/one.html": "old one", "two.html": "old two", "gone.html": "old gone"}
    monkeypatch.setattr(os, "replace", real)
    apply_in_place(staged_tree(tmp_path / "again"), ["a/one.html", "b/three.html", "two.html"], ["gone.html"], contextlib.nullcontext)
    assert {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file()} == \
        {"a/one.html": "new one", "b/three.html": "new three", "two.html": "new two"}
