"""Generated labelled sets for the triage tests (no shared data, no network)."""

from __future__ import annotations

import random

CLUBS = ["Rovers", "United", "Athletic", "Wanderers", "City", "Albion", "Harriers", "Rangers"]
PLAYERS = ["Silva", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Haddad", "Brennan"]


def transfer_rumour(rng: random.Random) -> str:
    return rng.choice(
        [
            f"Sources say {rng.choice(CLUBS)} are in talks to sign {rng.choice(PLAYERS)}.",
            f"{rng.choice(PLAYERS)} is close to a move to {rng.choice(CLUBS)}, insiders claim.",
            f"Agents for {rng.choice(PLAYERS)} have contacted {rng.choice(CLUBS)} about a deal.",
        ]
    )


def match_result(rng: random.Random) -> str:
    a, b = rng.sample(CLUBS, 2)
    return rng.choice(
        [
            f"{a} beat {b} {rng.randint(1, 5)}-{rng.randint(0, 4)} on Saturday in 2024.",
            f"{a} drew {rng.randint(0, 3)}-{rng.randint(0, 3)} with {b} in March 2023.",
            f"{rng.choice(PLAYERS)} scored {rng.randint(2, 4)} goals as {a} won 4-1.",
        ]
    )


def newsroom_rows(n: int, seed: int = 1) -> list[tuple[str, int, str]]:
    """A sports desk that checks transfer rumours and never checks match results: the
    opposite of what the heuristic (figures and dates first) would guess."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        positive = i % 2 == 0
        text = transfer_rumour(rng) if positive else match_result(rng)
        rows.append((text, int(positive), f"article-{i // 10}"))
    return rows
