"""``factcli diff``: a change to the facts, claim by claim, for review (table, Markdown, JSON)."""

from __future__ import annotations

from typing import Any

from factcli.model.provenance import cite_data
from factcli.model.records import FactBase
from factcli.query.diff import ClaimChange, FactDiff
from factcli.render.report import CellLike, Report, Section


def _named_text(change: ClaimChange, facts: FactBase) -> str:
    claim = change.claim
    named = "; ".join(f"{k}: {v}" for k, v in claim.named_fields(facts.name_of))
    return named or claim.text


def diff_report(diff: FactDiff, old: FactBase, new: FactBase, labels: tuple[str, str]) -> Report:
    """Records added and removed, then every claim added, removed or changed, with sources."""
    records = Section("Records", ["Change", "Kind", "ID", "Field", "Old", "New"])
    claims = Section("Claims", ["Change", "Claim", "Field", "Old", "New", "Src"])
    record_data = []
    for record in diff.records:
        changes = [(f.field, f.old, f.new) for f in record.fields] or [("", "", "")]
        for name, before, after in changes:
            records.rows.append([record.change, record.kind, record.id, name, before, after])
        record_data.append(
            {
                "change": record.change,
                "kind": record.kind,
                "id": record.id,
                "changes": [{"field": f.field, "old": f.old, "new": f.new} for f in record.fields],
            }
        )
    claim_data: list[dict[str, Any]] = []
    flat: list[dict[str, Any]] = []
    for change in diff.claims:
        claim = change.claim
        text = _named_text(change, old if change.change == "removed" else new)
        sources = ", ".join(claim.source_ids)
        base = {
            "change": change.change,
            "record_id": claim.record_id,
            "record_kind": claim.record_kind,
            "section": claim.section,
            "position": claim.position,
            "where": claim.where,
        }
        changed = [{"field": f.field, "old": f.old, "new": f.new} for f in change.fields]
        claim_data.append(
            {
                **base,
                "text": text,
                "changes": changed,
                "sources": list(claim.source_ids),
                "cite": cite_data(claim.cite),
            }
        )
        if change.change == "changed":
            for field in change.fields:
                claims.rows.append(
                    [
                        "changed",
                        f"{claim.record_id} {claim.where}",
                        field.field,
                        field.old,
                        field.new,
                        sources,
                    ]
                )
                flat.append({**base, "field": field.field, "old": field.old, "new": field.new})
            continue
        old_text, new_text = ("", text) if change.change == "added" else (text, "")
        claims.rows.append(
            [change.change, f"{claim.record_id} {claim.where}", "", old_text, new_text, sources]
        )
        flat.append({**base, "field": "", "old": old_text, "new": new_text})
    data = {
        "from": labels[0],
        "to": labels[1],
        "records": record_data,
        "claims": claim_data,
    }
    counts = {
        k: sum(1 for c in diff.claims if c.change == k) for k in ("added", "removed", "changed")
    }
    title = (
        f"From {labels[0]} to {labels[1]}: {counts['added']} claim(s) added, "
        f"{counts['removed']} removed, {counts['changed']} changed"
    )
    sections = [s for s in (records, claims) if s.rows]
    header: list[tuple[str, CellLike]] = [
        ("From", labels[0]),
        ("To", labels[1]),
        (
            "Claims",
            f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed",
        ),
    ]
    if diff.records:
        tally = {k: sum(1 for r in diff.records if r.change == k) for k in counts}
        header.append(
            (
                "Records",
                f"{tally['added']} added, {tally['removed']} removed, {tally['changed']} changed",
            )
        )
    columns = ["change", "record_id", "record_kind", "section", "position", "where"]
    columns += ["field", "old", "new"]
    return Report(data, flat, sections, title=title, header=header, record_fields=columns)
