"""Checks that every answer printed in the analysts' guide is what Trino answers now.

Each numbered section (``## 1. ...``) of the guide holds one question: its first ```` ```sql ````
block is the query for Trino, the first Markdown table after it the answer on the bundled data.
A section runs as the ``analyst`` user unless it says ``<!-- user: admin -->``. Blocks marked
```` ```sql embedded ```` (the same question for ``citylake sql`` on the embedded lake) are not run.

    check_guide.py GUIDE            compare; exit 1 naming each stale answer
    check_guide.py GUIDE --update   rewrite the answer tables with Trino's (after a deliberate change)
"""

import re
import sys

from citylake_trino import Trino, TrinoError

SECTION = re.compile(r"^## (\d+)\. (.+)$", re.M)
QUERY = re.compile(r"^```sql\n(.*?)^```$", re.M | re.S)
TABLE = re.compile(r"((?:^\|.*\|\n)+)", re.M)
USER = re.compile(r"<!-- user: (\w+) -->")


def cell(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace("|", "\\|")


def markdown(columns, rows):
    lines = ["| " + " | ".join(c["name"] for c in columns) + " |",
             "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def parse(text):
    """(number, title, user, query, span of the answer table) per section."""
    heads = list(SECTION.finditer(text))
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body_start = head.end()
        body = text[body_start:end]
        query = QUERY.search(body)
        if not query:
            raise SystemExit(f"guide section {head.group(1)} ({head.group(2)}) has no ```sql block")
        table = TABLE.search(body, query.end())
        if not table:
            raise SystemExit(f"guide section {head.group(1)} has no answer table after its query")
        user = USER.search(body)
        yield (head.group(1), head.group(2), user.group(1) if user else "analyst",
               query.group(1).strip().rstrip(";"), (body_start + table.start(1), body_start + table.end(1)))


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0 if len(argv) >= 2 else 2
    path, update = argv[1], "--update" in argv[2:]
    text = open(path, encoding="utf-8").read()
    sections = list(parse(text))
    clients, stale, failed, replaced = {}, [], [], []
    for number, title, user, query, (start, end) in sections:
        trino = clients.setdefault(user, Trino.from_env(user))
        try:
            columns, rows = trino.raw(query)
        except TrinoError as e:
            print(f"guide {number}. {title}: the query failed as {user}: {e}", file=sys.stderr)
            failed.append(number)
            continue
        answer = markdown(columns, rows)
        if answer != text[start:end]:
            stale.append(number)
            replaced.append((start, end, answer))
            if not update:
                print(f"guide {number}. {title}: the answer is stale. Trino now answers:\n{answer}"
                      f"the guide says:\n{text[start:end]}", file=sys.stderr)
        else:
            print(f"guide {number}. {title}: ok ({len(rows)} rows)")
    if update:
        for start, end, answer in sorted(replaced, reverse=True):
            text = text[:start] + answer + text[end:]
        open(path, "w", encoding="utf-8").write(text)
        print(f"guide: {len(replaced)} answers rewritten in {path}")
        return 1 if failed else 0
    if stale or failed:
        print(f"guide: {len(stale) + len(failed)} of {len(sections)} answers stale or failing:"
              f" {', '.join(sorted(stale + failed, key=int))}"
              " (re-run with --update after a deliberate change)", file=sys.stderr)
        return 1
    print(f"guide: {len(sections)} answers current")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
