import type { Migration } from '../migrate.ts';

/**
 * A person is not a name, and a player can wear more than one unit in a session.
 *  - players get the details that tell two people of one name apart (shirt number, date of birth;
 *    position was there already): the import asks "which Max Roberts?" showing them.
 *  - participant_units: every unit a participant wears in a session (a GNSS pod plus a watch or an
 *    HR strap). session_participants keeps its unit as the participant's main unit (it names the
 *    participant in results and progress); triggers keep that unit listed here whoever writes the
 *    participant row, and a participant removed (or replaced) takes its units with it.
 *  - session_participants.sources_json: which unit each kind of stream (gnss, imu, hr) is taken
 *    from, as the user chose it; NULL or a missing kind = automatic (processing/stream-sources.ts).
 *  - player_results.sources_json: the choice a result was computed with and the units it used, so
 *    changing the choice marks the result stale, as a settings change does.
 */
export const m010PeopleAndUnits: Migration = {
  version: 10,
  name: 'people-and-units',
  up(db) {
    db.exec(`
      ALTER TABLE players ADD COLUMN shirt_number INTEGER;
      -- ISO date 'YYYY-MM-DD' or NULL.
      ALTER TABLE players ADD COLUMN birth_date TEXT;

      CREATE TABLE participant_units (
        session_id TEXT NOT NULL,
        player_id TEXT NOT NULL,
        unit_id TEXT NOT NULL REFERENCES units(id),
        PRIMARY KEY (session_id, unit_id),
        FOREIGN KEY (session_id, player_id) REFERENCES session_participants (session_id, player_id) ON DELETE CASCADE
      );
      CREATE INDEX participant_units_by_player ON participant_units (session_id, player_id);
      INSERT INTO participant_units (session_id, player_id, unit_id) SELECT session_id, player_id, unit_id FROM session_participants;

      -- The main unit is always one of the participant's units (and no other participant's).
      CREATE TRIGGER participant_main_unit_insert AFTER INSERT ON session_participants BEGIN
        INSERT OR REPLACE INTO participant_units (session_id, player_id, unit_id) VALUES (NEW.session_id, NEW.player_id, NEW.unit_id);
      END;
      CREATE TRIGGER participant_main_unit_update AFTER UPDATE OF unit_id ON session_participants BEGIN
        INSERT OR REPLACE INTO participant_units (session_id, player_id, unit_id) VALUES (NEW.session_id, NEW.player_id, NEW.unit_id);
      END;

      ALTER TABLE session_participants ADD COLUMN sources_json TEXT;
      ALTER TABLE player_results ADD COLUMN sources_json TEXT;
    `);
  },
};
