#!/usr/bin/python3
"""Generates benchmark workloads from the shared corpus of real releases.

Every file is a different release: the headline and dateline of one release,
paragraphs mixed in from others, names and numbers changed. The corpus itself
is read, never copied into the project.

  generate.py files CORPUS OUT COUNT        COUNT Markdown releases in OUT/
  generate.py big CORPUS OUT.md BYTES       one release of about BYTES bytes
  generate.py rules OUT COUNT               a rule pack of COUNT existence rules
"""

import os
import random
import re
import sys

NAMES = ["Acme", "Northwind", "Contoso", "Fabrikam", "Initech", "Globex", "Umbrella",
         "Hooli", "Vandelay", "Wonka", "Tyrell", "Cyberdyne", "Stark", "Wayne", "Oscorp"]
PEOPLE = ["Dana Atkins", "Lee Moreno", "Priya Shah", "Tom Becker", "Ana Souza",
          "Kenji Sato", "Maria Rossi", "Olu Adeyemi", "Eva Novak", "Sam Carter"]


def releases(corpus):
    """(headline, dateline paragraph, body paragraphs) of each Markdown release."""
    folder = os.path.join(corpus, "newsworthy-archive")
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        # The archive's footer after a thematic break is not release text.
        text = re.split(r"\n---\s*\n", text)[0]
        blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
        if len(blocks) < 2 or not blocks[0].startswith("#"):
            continue
        # Long one-line paragraphs (the archive joins them with three spaces).
        body = []
        for b in blocks[2:] if len(blocks) > 2 else []:
            body.extend(p.strip() for p in re.split(r" {3,}", b) if p.strip())
        first = [p.strip() for p in re.split(r" {3,}", blocks[1]) if p.strip()]
        out.append((blocks[0], first[0], first[1:] + body))
    if not out:
        sys.exit(f"no Markdown releases in {folder}")
    return out


def vary(text, rng):
    """Changes numbers and company names so that no two files are the same."""
    text = re.sub(r"\d", lambda m: str(rng.randrange(10)) if rng.random() < 0.3 else m.group(0),
                  text)
    return re.sub(r"\b(Acme|Montana West|Company|Inc\.)",
                  lambda m: rng.choice(NAMES), text)


def release(rels, rng, index, min_bytes=0, max_paragraphs=4):
    headline, dateline, body = rels[index % len(rels)]
    parts = [vary(headline, rng), vary(dateline, rng)]
    paragraphs = list(body[:2])
    for _ in range(rng.randrange(1, max_paragraphs + 1)):
        other = rels[rng.randrange(len(rels))][2]
        if other:
            paragraphs.append(rng.choice(other))
    size = sum(len(p) for p in parts)
    i = 0
    while paragraphs and (i < len(paragraphs) or size < min_bytes):
        if i >= len(paragraphs):
            other = rels[rng.randrange(len(rels))][2]
            if other:
                paragraphs.append(rng.choice(other))
            continue
        p = vary(paragraphs[i], rng)
        if rng.random() < 0.2:
            p = f'"{p}" said {rng.choice(PEOPLE)}.'
        parts.append(p)
        size += len(p) + 2
        i += 1
    parts.append(f"Media contact: {rng.choice(PEOPLE)}, press@example.com, +1 555 0100")
    parts.append("###")
    return "\n\n".join(parts) + "\n"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mode = sys.argv[1]
    if mode == "files" and len(sys.argv) == 5:
        rels = releases(sys.argv[2])
        out, count = sys.argv[3], int(sys.argv[4])
        os.makedirs(out, exist_ok=True)
        rng = random.Random(7)
        for k in range(count):
            # Folders of 100 files, as a releases repository would hold them.
            folder = os.path.join(out, f"{k // 100:03d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"release-{k:05d}.md"), "w", encoding="utf-8") as f:
                f.write(release(rels, rng, k))
    elif mode == "big" and len(sys.argv) == 5:
        rels = releases(sys.argv[2])
        rng = random.Random(11)
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            f.write(release(rels, rng, 0, min_bytes=int(sys.argv[4])))
    elif mode == "rules" and len(sys.argv) == 4:
        out, count = sys.argv[2], int(sys.argv[3])
        os.makedirs(os.path.join(out, "bench"), exist_ok=True)
        rng = random.Random(13)
        words = ["synergy", "world-class", "leverage", "paradigm", "cutting-edge",
                 "best-of-breed", "disruptive", "game-changer", "holistic", "robust",
                 "seamless", "scalable", "turnkey", "visionary", "revolutionary"]
        for k in range(count):
            picked = rng.sample(words, 3) + [f"term{k}x", f"phrase {k} here"]
            kind = k % 2
            with open(os.path.join(out, "bench", f"rule-{k:03d}.yaml"), "w",
                      encoding="utf-8") as f:
                f.write(f"id: bench.rule-{k:03d}\n")
                f.write("kind: existence\nseverity: warning\n")
                f.write("message: 'avoid \"{match}\"'\n")
                f.write("docs:\n  summary: A generated benchmark rule.\n")
                f.write("  why: It measures the cost of one more rule.\n")
                f.write(f"  good: [\"# Acme opens a plant\\n\\nAcme opened a plant.\"]\n")
                f.write(f"  bad: [\"# Acme opens a plant\\n\\nAcme opened a {picked[0]} plant.\"]\n")
                f.write("params:\n")
                if kind == 0:
                    f.write("  words: [" + ", ".join(picked) + "]\n")
                    f.write("  ignore-case: true\n")
                else:
                    f.write(f"  words: [{picked[0]}]\n")
                    f.write(f"  patterns: ['\\b{picked[1]}\\b', '(?i)\\bcode{k}[a-z]*\\b']\n")
                f.write("  scope: [headline, body]\n")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
