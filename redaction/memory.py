"""Per-testimony surrogate assignment, so a follow-up message reuses the same surrogates.

It holds real names (its keys are normalised real lemmas and values), so callers encrypt it and
nobody logs it: repr() deliberately shows only the size.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass
class Memory:
    """entries: key "LABEL|role|real lemma" -> {"surrogate", "gender"?}.
    tags: key "LABEL|real lemma" -> number used by the tag style ([PERSON 2])."""

    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Memory(<{len(self.entries)} entries, {len(self.tags)} tags>)"

    def copy(self) -> Memory:
        return Memory({k: dict(v) for k, v in self.entries.items()}, dict(self.tags))

    def merge(self, other: Memory) -> Memory:
        """A new memory with other's assignments added; ours win on conflicting keys, and other's
        tag numbers are renumbered where they would collide with ours."""
        merged = self.copy()
        for key, entry in other.entries.items():
            merged.entries.setdefault(key, dict(entry))
        renumber: dict[tuple[str, int], int] = {}
        for key, number in other.tags.items():
            if key in self.tags:
                renumber[(key.split("|", 1)[0], number)] = self.tags[key]
        for key, number in sorted(other.tags.items(), key=lambda kv: kv[1]):
            label = key.split("|", 1)[0]
            if key in merged.tags:
                continue
            if (label, number) not in renumber:
                taken = {n for k, n in merged.tags.items() if k.startswith(label + "|")}
                renumber[(label, number)] = (
                    number if number not in taken else merged.next_tag(label)
                )
            merged.tags[key] = renumber[(label, number)]
        return merged

    def surrogates(self) -> set[str]:
        """Every surrogate value in use, lower-cased (to keep new ones distinct)."""
        return {e["surrogate"].lower() for e in self.entries.values()}

    def next_tag(self, label: str) -> int:
        return 1 + max((n for k, n in self.tags.items() if k.startswith(label + "|")), default=0)

    def to_json(self) -> str:
        return json.dumps(
            {"version": 1, "entries": self.entries, "tags": self.tags}, ensure_ascii=False
        )

    @classmethod
    def from_json(cls, s: str) -> Memory:
        data = json.loads(s)
        return cls(
            dict(data.get("entries", {})), {k: int(v) for k, v in data.get("tags", {}).items()}
        )
