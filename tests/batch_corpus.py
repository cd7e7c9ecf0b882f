"""A small corpus for the batch tests: wire-style articles we wrote (no real report is copied), plus bad
inputs of every kind a batch meets — an empty file, binary garbage, a file over the size limit, an empty
JSONL line, a JSONL line that is not JSON, a text in Spanish — and one long article that keeps a worker
busy for a few seconds (the test kills that worker while it works)."""

from __future__ import annotations

import json
from pathlib import Path

MAX_BYTES = 40_000  # input.max_bytes for these tests: the oversize file is over it, the long article under

WIRE = [
    {"id": "wire-1", "published": "2024-03-04", "source": "Example Wire",
     "text": "KYIV, March 4 - Ukraine's air force said on Monday it had shot down 11 of 14 attack drones "
             "launched by Russia overnight over the Kharkiv and Poltava regions.\n"
             "The regional governor of Kharkiv said a drone hit an energy facility near Kupiansk, causing a fire "
             "that was put out by morning. No one was hurt, he said.\n"
             "Russia's defence ministry said its forces had struck Ukrainian military targets but gave no details."},
    {"id": "wire-2", "published": "2024-03-05", "source": "Example Wire",
     "text": "MOSCOW, March 5 - Russia's defence ministry said on Tuesday its troops had taken control of the "
             "village of Orlivka, west of Avdiivka in the Donetsk region.\n"
             "Ukraine's military denied the village had fallen. \"Our units continue to hold their positions "
             "near Orlivka,\" an army spokesman told national television.\n"
             "Neither account could be independently verified."},
    {"id": "wire-3", "published": "2024-03-06", "source": "Harbour Daily",
     "text": "ODESA, Ukraine, March 6 - A Russian missile strike on the port of Odesa killed five people and "
             "wounded at least a dozen, the regional governor said on Wednesday.\n"
             "The strike damaged warehouses and a grain terminal, he said on Telegram.\n"
             "Russia's defence ministry said it had hit a workshop where sea drones were prepared."},
    {"id": "wire-4", "published": "2024-03-07", "source": "Example Wire",
     "text": "KYIV, March 7 - Ukrainian forces repelled 23 Russian attacks near Robotyne in the Zaporizhzhia "
             "region over the past day, the general staff said on Thursday.\n"
             "Russian troops also shelled Kherson, wounding two civilians, the city's military administration said."},
    {"id": "wire-5", "published": "2024-03-08", "source": "Northern Courier",
     "text": "BERLIN, March 8 - Germany will send another air defence system to Ukraine, the defence minister "
             "said on Friday, after talks with his Ukrainian counterpart.\n"
             "Kyiv has asked its allies for more air defence to protect cities and power plants from missile and "
             "drone attacks."},
    {"id": "wire-6", "published": "2024-03-09", "source": "Example Wire",
     "text": "KYIV, March 9 - Ukraine's navy said on Saturday it had damaged a Russian landing ship near "
             "Sevastopol with sea drones. Russia did not comment on the claim.\n"
             "Separately, the governor of Russia's Belgorod region said shelling from Ukraine had damaged "
             "houses in two villages near the border."},
]

SPANISH = ("MADRID, 8 de marzo - El ministro de defensa dijo el viernes que el gobierno enviará más ayuda "
           "militar a sus aliados en las próximas semanas. Según el ministerio, los envíos incluirán munición "
           "y equipos de defensa aérea, y se coordinarán con los demás miembros de la alianza.")

TOWNS = ["Kupiansk", "Lyman", "Siversk", "Toretsk", "Vuhledar", "Huliaipole", "Nikopol", "Sumy"]


def long_article(paragraphs: int = 56) -> str:
    """A long daily round-up: every paragraph differs (numbers, towns), so the clean stage drops none."""
    parts = ["KYIV, March 10 - The following is a summary of the past day's fighting, as reported by officials."]
    for n in range(paragraphs):
        town = TOWNS[n % len(TOWNS)]
        parts.append(f"Near {town}, the general staff said its units repelled {n + 3} attacks over the past day "
                     f"and destroyed {n + 1} armoured vehicles. The regional governor said shelling wounded "
                     f"{n % 7 + 1} civilians in a district {n + 2} km from {town}, report number {n}.")
    return "\n".join(parts)


def write_corpus(folder: Path) -> Path:
    """The corpus's files in ``folder``; read with ``folder/*`` they come in the order listed below."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_garbage.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "c_long.txt").write_text(long_article(), encoding="utf-8")
    (folder / "d_oversize.txt").write_text("Shelling was reported near the front. " * 1200, encoding="utf-8")
    lines = [json.dumps(WIRE[0]), json.dumps(WIRE[1]), json.dumps({"id": "empty-line", "text": "  "}),
             json.dumps(WIRE[2]), "{this line is not json", json.dumps(WIRE[3]),
             json.dumps({"id": "spanish-1", "published": "2024-03-08", "text": SPANISH}),
             json.dumps(WIRE[4]), json.dumps(WIRE[5])]
    (folder / "e_wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len((folder / "c_long.txt").read_bytes()) < MAX_BYTES < len((folder / "d_oversize.txt").read_bytes())
    return folder


# What each bad input must fail with: origin suffix -> stage.
EXPECTED_FAILURES = {
    "a_empty.txt": "read",
    "b_garbage.txt": "read",
    "d_oversize.txt": "read",
    "e_wire.jsonl:3": "read",
    "e_wire.jsonl:5": "read",
    "e_wire.jsonl:7": "language",
}
GOOD = 7  # the six wire reports and the long round-up
