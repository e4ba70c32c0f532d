"""Synthetic knowledge bases: the bundled claims copied k times under new ids, topics kept."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml


def scaled_kb(source: Path, target: Path, factor: int) -> Path:
    """Write ``factor`` copies of every claim, with the sources and lexicon, to ``target``.

    Copies keep topic, wording, evidence and sources; only the id changes (and the summary is
    shortened, which matching never reads, so that 100 copies stay under the 8 MiB file cap).
    """
    target.mkdir(parents=True, exist_ok=True)
    doc: dict[str, Any] = yaml.safe_load((source / "claims.yaml").read_text(encoding="utf-8"))
    claims = []
    for n in range(factor):
        for claim in doc["claims"]:
            clone = copy.deepcopy(claim)  # shared lists would be dumped as YAML aliases
            if n:
                clone["id"] = f"{claim['id']}-x{n}"
                clone["summary"] = f"Copy {n} of {claim['id']}."
            claims.append(clone)
    doc["claims"] = claims
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=10_000)
    (target / "claims.yaml").write_text(text, encoding="utf-8")
    for name in ("sources.yaml", "lexicon.yaml"):
        if (source / name).is_file():
            shutil.copyfile(source / name, target / name)
    return target
