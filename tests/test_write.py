"""Writing the output: nothing lands outside the output folder, and the swap is all or nothing."""

import pytest

from generator.content.errors import UsageError
from generator.output.write import check_output_folder, remove_tree, safe_output_path, staged_output


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
