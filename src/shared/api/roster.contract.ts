import { z } from 'zod';
import { id, method, none } from './method.ts';
import { birthDate, deviceIdName, playerName, positionName, shirtNumber, squadName, type Player, type Unit } from '../domain/roster.ts';

export const rosterContract = {
  /** Every player, archived ones included (archivedAt set): pickers leave those out. */
  'players:list': method<Player[]>()(none),
  'players:create': method<Player>()(
    z
      .object({
        name: playerName,
        position: positionName.default(''),
        shirtNumber: shirtNumber.nullable().optional(),
        birthDate: birthDate.nullable().optional(),
        squad: squadName.optional(),
      })
      .strict(),
  ),
  'players:update': method<Player>()(
    z
      .object({
        id,
        name: playerName.optional(),
        position: positionName.optional(),
        shirtNumber: shirtNumber.nullable().optional(),
        birthDate: birthDate.nullable().optional(),
        squad: squadName.optional(),
      })
      .strict(),
  ),
  /** A player who left (archived: true) is kept in history and hidden from pickers; false brings them back. */
  'players:archive': method<Player>()(z.object({ id, archived: z.boolean() }).strict()),
  'players:delete': method<{ deleted: boolean }>()(z.object({ id }).strict()),

  'units:list': method<Unit[]>()(none),
  'units:create': method<Unit>()(
    z
      .object({
        deviceId: deviceIdName,
        label: z.string().trim().max(60).default(''),
        defaultPlayerId: id.nullable().default(null),
      })
      .strict(),
  ),
  'units:update': method<Unit>()(
    z
      .object({ id, deviceId: deviceIdName.optional(), label: z.string().trim().max(60).optional(), defaultPlayerId: id.nullable().optional() })
      .strict(),
  ),
  'units:delete': method<{ deleted: boolean }>()(z.object({ id }).strict()),
};
