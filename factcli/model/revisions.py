"""Read a fact base as it was at a git revision, through the ``git`` command.

Only ``git rev-parse``, ``git ls-tree`` and ``git cat-file`` are run: they
read the object store and never touch the checkout, its index or its files.
The files of the revision are copied to a temporary folder and loaded there
with the ordinary loader, so a revision is checked exactly like the working
tree, and its problems name the revision (``HEAD:facts/x.toml:3: ...``).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from factcli.errors import FactcliError
from factcli.model.files import IGNORED_FILE_NAMES
from factcli.model.loader import LoadResult, load_paths

#: The working tree, as the name of the newer side of a diff.
WORKING_TREE = "working tree"


class GitError(FactcliError):
    """git is missing, the facts are not in a repository, or a revision is unknown."""


def _git(top: Path, *args: str, stdin: bytes | None = None) -> bytes:
    # Optional locks off: reading must not even refresh the index of the checkout.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(top), *args], input=stdin, capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise GitError("the 'git' command is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


class Repository:
    """The git repository holding a facts folder, and the folder's path inside it."""

    def __init__(self, facts_dir: Path) -> None:
        """Find the repository of ``facts_dir``; GitError when there is none."""
        if not facts_dir.is_dir():
            raise GitError(f"{facts_dir}: facts directory does not exist")
        try:
            top = _git(facts_dir, "rev-parse", "--show-toplevel")
        except GitError:
            raise GitError(f"{facts_dir}: not in a git repository") from None
        self.top = Path(top.decode().strip())
        self.prefix = _git(facts_dir, "rev-parse", "--show-prefix").decode().strip()

    def commit(self, revision: str) -> str:
        """The commit a revision names (``HEAD``, ``main~2``, ``:/fix``, a hash); GitError if none.

        The revision is resolved as written, then peeled to its commit: appending
        ``^{commit}`` to it would change what ``:/message`` searches for.
        Anything starting with ``-`` is refused, as git would read it as an option.
        """
        if revision.startswith("-"):
            raise GitError(f"'{revision}' is not a revision")
        try:
            named = _git(self.top, "rev-parse", "--verify", "--quiet", "--end-of-options", revision)
            object_id = named.decode().strip()
            found = _git(self.top, "rev-parse", "--verify", "--quiet", f"{object_id}^{{commit}}")
        except GitError:
            raise GitError(f"unknown revision '{revision}'") from None
        return found.decode().strip()

    def fact_files(self, commit: str) -> list[tuple[str, str]]:
        """(object id, path in the repository) of each fact file at ``commit``, by path."""
        listing = _git(self.top, "ls-tree", "-r", "-z", commit, "--", self.prefix or ".")
        files = []
        for entry in listing.decode("utf-8", "surrogateescape").split("\0"):
            if not entry:
                continue
            meta, _, path = entry.partition("\t")
            _, kind, object_id = meta.split()
            inside = PurePosixPath(path[len(self.prefix) :])
            # The rules of discovering files on disk: .toml, no editor files, no hidden folders.
            if kind != "blob" or inside.suffix != ".toml" or inside.name in IGNORED_FILE_NAMES:
                continue
            if any(part.startswith(".") for part in inside.parts[:-1]):
                continue
            files.append((object_id, path))
        return sorted(files, key=lambda f: f[1])

    def blobs(self, object_ids: list[str]) -> list[bytes]:
        """The contents of blobs, in order, read in one ``git cat-file --batch``."""
        if not object_ids:
            return []
        output = _git(
            self.top, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in object_ids).encode()
        )
        contents = []
        at = 0
        for _ in object_ids:
            header_end = output.index(b"\n", at)
            size = int(output[at:header_end].split()[2])
            contents.append(output[header_end + 1 : header_end + 1 + size])
            at = header_end + 1 + size + 1
        return contents

    def load(self, revision: str) -> LoadResult:
        """The fact base at ``revision``, loaded and checked like the working tree."""
        commit = self.commit(revision)
        files = self.fact_files(commit)
        with tempfile.TemporaryDirectory(prefix="factcli-rev-") as temp:
            named = []
            for (_, path), data in zip(files, self.blobs([f[0] for f in files]), strict=True):
                target = Path(temp, *PurePosixPath(path).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                named.append((target, f"{revision}:{path}"))
            return load_paths(named)
