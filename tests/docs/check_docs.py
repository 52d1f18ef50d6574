#!/usr/bin/env python3
"""Every model snippet and command in README.md and docs/*.md runs as written.

- A ```json block must parse. One that is a whole model (a `cell` with a
  morphology, or `cells` and `populations`) must say, just before it, the folder
  it is saved in ("Saved in `examples/` ..."), and is run with `cajal run` from a
  copy of that folder: every file it names must be where it says.
- In a ```sh block, a `build/cajal` command (alone or under `mpirun`) is run from a
  folder that mirrors the repository's top level, so that its relative paths
  resolve and its outputs stay out of the source tree. Other commands must name
  programs that exist: scripts and benchmarks are run by CI and by people, not here;
  `cmake` and `ctest` lines are the build itself; system tools must be on the PATH.

Usage: check_docs.py SOURCE_DIR CAJAL_BINARY
"""
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\w*)\s*$")


def blocks(path):
    """(language, first line number, text) of each fenced block."""
    out, lang, start, lines = [], None, 0, []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            m = FENCE.match(line.rstrip("\n"))
            if m and lang is None:
                lang, start, lines = m.group(1), number + 1, []
            elif line.startswith("```") and lang is not None:
                out.append((lang, start, "".join(lines)))
                lang = None
            elif lang is not None:
                lines.append(line)
    return out


def whole_model(doc):
    return isinstance(doc, dict) and (("cell" in doc and "morphology" in doc["cell"]) or ("cells" in doc and "populations" in doc))


def mirror(source, work):
    """A folder with the repository's top-level entries linked in, build/cajal the binary under test."""
    for entry in os.listdir(source):
        if entry in ("build", "out", ".git"):
            continue
        os.symlink(os.path.join(source, entry), os.path.join(work, entry))


SAVED_IN = re.compile(r"[Ss]aved in `([^`]+/)`")


def saved_in(path, line):
    """The folder the text just before a block (its paragraph) says the block is saved in."""
    with open(path) as f:
        before = "".join(f.readlines()[max(0, line - 6):line - 1])
    m = SAVED_IN.search(before)
    return m.group(1) if m else None


def model_folder(source, work, folder, n):
    """A copy of a repository folder (its entries linked), where snippet n (file-block) is saved."""
    copy = os.path.join(work, f"model{n}")
    os.makedirs(copy)
    for entry in os.listdir(os.path.join(source, folder)):
        os.symlink(os.path.join(source, folder, entry), os.path.join(copy, entry))
    return copy


def run(command, cwd, env=None):
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def main():
    source, cajal = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    files = [os.path.join(source, "README.md")] + sorted(glob.glob(os.path.join(source, "docs", "*.md")))
    problems, checked = [], 0
    mpi_env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    with tempfile.TemporaryDirectory() as work:
        mirror(source, work)
        os.makedirs(os.path.join(work, "build"))
        os.symlink(cajal, os.path.join(work, "build", "cajal"))
        for path in files:
            name = os.path.relpath(path, source)
            for n, (lang, line, text) in enumerate(blocks(path)):
                where = f"{name}:{line}"
                if lang == "json":
                    try:
                        doc = json.loads(text)
                    except json.JSONDecodeError as e:
                        problems.append(f"{where}: not JSON: {e}")
                        continue
                    checked += 1
                    if not whole_model(doc):
                        continue
                    folder = saved_in(path, line)
                    if folder is None or not os.path.isdir(os.path.join(source, folder)):
                        problems.append(f"{where}: a whole model must say, just before it, the folder it is saved in (\"Saved in `examples/`\")")
                        continue
                    models = model_folder(source, work, folder, f"{name.replace('/', '_')}-{n}")
                    file = os.path.join(models, f"snippet{n}.json")
                    with open(file, "w") as f:
                        f.write(text)
                    r = run([cajal, "run", file, "-q", "--backend", "cpu", "-o", os.path.join(work, f"snippet{n}.out")], models)
                    if r.returncode != 0:
                        problems.append(f"{where}: the model does not run: {r.stdout}{r.stderr}".strip())
                elif lang == "sh":
                    for k, raw in enumerate(text.splitlines()):
                        command = raw.split("#", 1)[0].strip()
                        if not command:
                            continue
                        words = shlex.split(command)
                        while words and re.match(r"^[A-Z_][A-Z0-9_]*=", words[0]):
                            words = words[1:]   # the command's environment
                        where_line = f"{name}:{line + k}"
                        checked += 1
                        if "build/cajal" in words:
                            r = run(words, work, mpi_env if words[0] == "mpirun" else None)
                            if r.returncode != 0:
                                problems.append(f"{where_line}: '{command}' failed ({r.returncode}): {r.stdout}{r.stderr}".strip())
                        elif words[0] in ("cmake", "ctest"):
                            continue
                        elif words[0].startswith("../shared/"):
                            continue   # beside the project, where it is
                        else:
                            program = words[1] if words[0].endswith("python3") else words[0]
                            # build/... is the build tree the binary under test lives in.
                            place = os.path.join(os.path.dirname(cajal), program[len("build/"):]) if program.startswith("build/") else os.path.join(source, program)
                            # A system tool (awk, say) is found on the PATH.
                            if not os.path.exists(place) and not ("/" not in program and shutil.which(program)):
                                problems.append(f"{where_line}: '{program}' does not exist")
    for p in problems:
        print(p)
    print(f"{checked} snippets and commands checked, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
