"""Imports an .apkg into an Anki collection with Anki's own library (PyPI `anki`) and prints,
as JSON, what Anki made of it: the import log, the counts, the decks, the media files, and
the fields and rendered cards of the notes asked about.

usage: python import_apkg.py COLLECTION APKG [GERMAN...]
"""

import json
import os
import sys

from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)


def main():
    col_path, apkg = sys.argv[1], sys.argv[2]
    col = Collection(col_path)
    try:
        request = ImportAnkiPackageRequest(
            package_path=apkg, options=ImportAnkiPackageOptions()
        )
        log = col.import_anki_package(request).log
        notes = {}
        for german in sys.argv[3:]:
            nids = col.find_notes(f'"German:{german}"')
            if len(nids) != 1:
                notes[german] = None
                continue
            note = col.get_note(nids[0])
            cards = {
                card.template()["name"]: {
                    "question": card.question(),
                    "answer": card.answer(),
                    "deck": col.decks.name(card.did),
                }
                for card in note.cards()
            }
            notes[german] = {
                "fields": dict(note.items()),
                "tags": note.tags,
                "guid": note.guid,
                "note_type": note.note_type()["name"],
                "cards": cards,
            }
        media_dir = col.media.dir()
        print(
            json.dumps(
                {
                    "new": len(log.new),
                    "updated": len(log.updated),
                    "duplicate": len(log.duplicate),
                    "conflicting": len(log.conflicting),
                    "note_count": col.note_count(),
                    "card_count": col.card_count(),
                    "decks": sorted(d.name for d in col.decks.all_names_and_ids()),
                    "media": sorted(os.listdir(media_dir)),
                    "media_dir": media_dir,
                    "notes": notes,
                },
                ensure_ascii=False,
            )
        )
    finally:
        col.close()


main()
