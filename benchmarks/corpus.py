"""Synthetic articles of the genre: ministries announcing bilateral technology cooperation.

Own templates and vocabularies (not the seed's), varied so entity pages overlap across articles.
"""

from __future__ import annotations

import random
from pathlib import Path

COUNTRIES = [("Finland", "Helsinki", "Finnish"), ("Canada", "Ottawa", "Canadian"), ("India", "New Delhi", "Indian"),
             ("Germany", "Berlin", "German"), ("Brazil", "Brasilia", "Brazilian"), ("Kenya", "Nairobi", "Kenyan"),
             ("Vietnam", "Hanoi", "Vietnamese"), ("Poland", "Warsaw", "Polish"), ("Chile", "Santiago", "Chilean"),
             ("Australia", "Canberra", "Australian"), ("Egypt", "Cairo", "Egyptian"),
             ("Sweden", "Stockholm", "Swedish")]
GIVEN = ["Anna", "Rahul", "Carlos", "Mei", "Olusegun", "Ingrid", "Tomasz", "Lucia", "Hannah", "Farid", "Grace", "Minh"]
FAMILY = ["Korhonen", "Sharma", "Silva", "Nguyen", "Adeyemi", "Berg", "Nowak", "Rossi", "Fischer", "Haddad",
          "Wanjiru", "Tran", "Lindgren", "Okoro", "Costa", "Mehta"]
ROLES = ["the minister of science", "the director general for innovation", "the chief scientist",
         "the deputy minister for digital affairs", "the head of the research agency", "the ambassador"]
TOPICS = ["quantum technology", "batteries", "semiconductors", "artificial intelligence", "hydrogen",
          "robotics", "cybersecurity", "space technology"]
UNITS = ["projects", "startups", "researchers", "laboratories", "scholarships", "patents"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
FILLER = ("Officials said the programme would run alongside existing national schemes and that further "
          "calls for proposals would follow after an evaluation by independent experts. ")


def article(i: int, rng: random.Random) -> str:
    (a, a_city, a_adj), (b, _b_city, b_adj) = rng.sample(COUNTRIES, 2)
    p1 = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    p2 = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    topic1, topic2 = rng.sample(TOPICS, 2)
    year = rng.choice([2022, 2023, 2024, 2025])
    n1, n2 = rng.randint(3, 40), rng.randint(41, 300)
    unit = rng.choice(UNITS)
    money = rng.randint(2, 90)
    text = [
        f"{a} and {b} Expand Cooperation in {topic1.title()} (Report {i})",
        "",
        f"{a_city}, {rng.choice(MONTHS)} {rng.randint(1, 28)}, {year} (Wire Service) {a}'s Ministry of Science and "
        f"Innovation met on Monday with partners from {b} to deepen joint work in {topic1} and {topic2}.",
        f"{p1}, {rng.choice(ROLES)} at {a_adj} innovation ministry, held a virtual meeting with {p2}, "
        f"{rng.choice(ROLES)} at {b}'s research ministry, to review joint projects.",
        f"The {a}-{b} Research Fund will provide ${money} million annually starting from {year - 2} to support "
        f"joint {unit}, according to the {a_adj} News Agency.",
        f"The number of {unit} funded between {a_adj} and {b_adj} partners rose from {n1} in {year - 4} "
        f"to {n2} last year.",
        FILLER * 16,
    ]
    return "\n".join(text)


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"article-{i:05d}.txt"
        path.write_text(article(i, rng), encoding="utf-8")
        paths.append(path)
    return paths
