/**
 * The seed's session metadata file, `player1data_session_metadata.csv`: which unit each player
 * wore, `device_id,player_name,position`, one row per unit (a player wearing two units has two
 * rows), in the format the Player1 CSV import reads back (formats/meta-csv.ts).
 */
import { participantUnits, type Participant } from '../../../shared/domain/session.ts';

export const METADATA_FILE_NAME = 'player1data_session_metadata.csv';

const cell = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function sessionMetadataCsv(participants: readonly Pick<Participant, 'unitId' | 'deviceId' | 'files' | 'units' | 'playerName' | 'position'>[]): string {
  const rows = participants.flatMap((p) => participantUnits(p).map((u) => [u.deviceId, p.playerName, p.position].map(cell).join(',')));
  return `${['device_id,player_name,position', ...rows].join('\n')}\n`;
}
