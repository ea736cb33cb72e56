"""Make desktop/resources/spelling/en_gb_spellings.tsv, the British spellings of en-GB.

pyspellchecker's English dictionary is American: it flags "programme" and "candour".
This list pairs each British spelling with the American one, taken from the word lists
of the `breame` package (Apache-2.0, by Charles Pierse: breame/data/spelling_constants.py,
BRITISH_ENGLISH_SPELLINGS, which its README credits to the American-British-English-
Translator project and its "Comprehensive list of American and British spelling differences").
Run it with breame's source unpacked somewhere: `python packaging/make_en_gb_list.py DIR`.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "desktop/resources/spelling/en_gb_spellings.tsv"
HEADER = """\
# British spelling<TAB>American spelling, one pair a line: the en-GB dictionary of Afterword.
# From breame 0.1.2 (Apache-2.0, Charles Pierse), breame/data/spelling_constants.py,
# BRITISH_ENGLISH_SPELLINGS; regenerate with packaging/make_en_gb_list.py.
"""


def main(source: Path) -> int:
    tree = ast.parse((source / "breame" / "data" / "spelling_constants.py").read_text())
    pairs: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "BRITISH_ENGLISH_SPELLINGS":  # type: ignore[attr-defined]
            pairs = ast.literal_eval(node.value)
    lines = [f"{gb}\t{us}" for gb, us in sorted(pairs.items()) if gb.isalpha() and us.isalpha()]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
