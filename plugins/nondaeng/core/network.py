"""The network figures, computed from the content model (pure Python, nothing about MkDocs).

The study's central finding is an informal network of state actors, non-state actors and
citizens of the area, each bringing different resources. Everything here is counted from the
practices' ``actors`` lists, so the figures grow with the content:

* which kinds of actor take part in which practices (and whom they work beside);
* how many practices each sector takes part in, and how many it leads;
* which resources come from which sector (in how many practices);
* the actors that connect the most practices.

An actor "takes part" in a practice when the practice lists it under ``actors``; a sector
takes part when at least one of its actors does. Counts are of distinct practices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Entry, Model


@dataclass(frozen=True)
class ActorInPractice:
    """One actor of one practice, as drawn on the practice page."""

    actor: str
    sector: str
    role: dict[str, str]
    resources: tuple[str, ...]
    lead: bool


@dataclass(frozen=True)
class SectorGroup:
    sector: str
    actors: tuple[ActorInPractice, ...]


@dataclass
class NetworkFigures:
    """Every number of the network page; ids only (labels are looked up when rendering)."""

    sectors: list[str]  # sector ids in vocabulary order
    practices: list[str]  # practice ids, sorted
    # actor id -> sorted practice ids it takes part in (every actor of the vocabulary)
    actor_practices: dict[str, list[str]] = field(default_factory=dict)
    # actor id -> sorted ids of the other actors it works beside in at least one practice
    actor_partners: dict[str, list[str]] = field(default_factory=dict)
    # sector id -> sorted practice ids in which at least one of its actors takes part
    sector_practices: dict[str, list[str]] = field(default_factory=dict)
    # sector id -> sorted practice ids led by one of its actors
    sector_leads: dict[str, list[str]] = field(default_factory=dict)
    # (resource id, sector id) -> sorted practice ids where an actor of the sector brings it
    resource_sector: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    resources: list[str] = field(default_factory=list)  # resource ids in vocabulary order

    def actor_count(self, actor: str) -> int:
        return len(self.actor_practices.get(actor, []))

    def top_actors(self, limit: int | None = None) -> list[str]:
        """Actors taking part in at least one practice, the most connecting first.

        Ordered by number of practices, then by number of partner actors, then by id, so the
        order is stable from build to build."""
        ranked = sorted(
            (a for a, ps in self.actor_practices.items() if ps),
            key=lambda a: (-len(self.actor_practices[a]), -len(self.actor_partners[a]), a),
        )
        return ranked[:limit] if limit is not None else ranked

    def resource_count(self, resource: str, sector: str) -> int:
        return len(self.resource_sector.get((resource, sector), []))

    def resources_used(self) -> list[str]:
        """Resources brought by some sector in at least one practice, vocabulary order."""
        return [r for r in self.resources
                if any(self.resource_count(r, s) for s in self.sectors)]


def practice_groups(model: Model, practice: Entry) -> list[SectorGroup]:
    """The actors of a practice grouped by sector, sectors in vocabulary order, actors in the
    order the practice lists them (the lead is marked, not moved)."""
    d = practice.data
    groups: dict[str, list[ActorInPractice]] = {s: [] for s in model.vocabularies["sectors"].terms}
    for a in d["actors"]:
        sector = model.sector_of(a["actor"])
        groups.setdefault(sector, []).append(ActorInPractice(
            actor=a["actor"], sector=sector, role=a["role"],
            resources=tuple(a["resources"]), lead=a["actor"] == d["lead"]))
    return [SectorGroup(s, tuple(actors)) for s, actors in groups.items() if actors]


def compute(model: Model) -> NetworkFigures:
    """Count the network from every practice of ``model``."""
    sectors = list(model.vocabularies["sectors"].terms)
    actors = model.vocabularies["actors"].terms
    fig = NetworkFigures(
        sectors=sectors,
        practices=sorted(model.practices),
        resources=list(t["id"] for t in model.vocabularies["resources"].ordered()),
    )
    a_practices: dict[str, set[str]] = {a: set() for a in actors}
    a_partners: dict[str, set[str]] = {a: set() for a in actors}
    s_practices: dict[str, set[str]] = {s: set() for s in sectors}
    s_leads: dict[str, set[str]] = {s: set() for s in sectors}
    r_sector: dict[tuple[str, str], set[str]] = {}
    for pid, entry in model.practices.items():
        d = entry.data
        ids = [a["actor"] for a in d["actors"]]
        for a in d["actors"]:
            actor = a["actor"]
            sector = model.sector_of(actor)
            a_practices.setdefault(actor, set()).add(pid)
            a_partners.setdefault(actor, set()).update(x for x in ids if x != actor)
            s_practices.setdefault(sector, set()).add(pid)
            for r in a["resources"]:
                r_sector.setdefault((r, sector), set()).add(pid)
        s_leads.setdefault(model.sector_of(d["lead"]), set()).add(pid)
    fig.actor_practices = {a: sorted(ps) for a, ps in a_practices.items()}
    fig.actor_partners = {a: sorted(ps) for a, ps in a_partners.items()}
    fig.sector_practices = {s: sorted(ps) for s, ps in s_practices.items()}
    fig.sector_leads = {s: sorted(ps) for s, ps in s_leads.items()}
    fig.resource_sector = {k: sorted(ps) for k, ps in r_sector.items()}
    return fig
