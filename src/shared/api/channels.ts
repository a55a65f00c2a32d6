/**
 * The names of every contract method and push event, with no dependencies, so the sandboxed
 * preload can expose them without bundling the schemas. contract.ts checks at compile time
 * that these lists and the contract agree exactly.
 */
export const METHOD_NAMES = [
  'app:info',
  'app:pickFolder',
  'app:pickFiles',
  'players:list',
  'players:create',
  'players:update',
  'players:delete',
  'units:list',
  'units:create',
  'units:update',
  'units:delete',
  'sessions:list',
  'sessions:get',
  'sessions:create',
  'sessions:update',
  'sessions:delete',
  'sessions:setParticipants',
  'sessions:importFolder',
  'jobs:start',
  'jobs:status',
  'results:list',
  'periods:list',
  'periods:create',
  'periods:update',
  'periods:delete',
  'settings:get',
  'settings:update',
  'settings:reset',
  'reports:get',
  'reports:open',
  'imports:scan',
  'imports:rescan',
  'imports:commit',
  'imports:upload',
  'devices:list',
  'devices:download',
  'devices:cancel',
  'devices:recordings',
  'devices:erase',
  'devices:assign',
  'devices:demo',
] as const;

export const EVENT_NAMES = [
  'jobs:progress',
  'sessions:changed',
  'roster:changed',
  'devices:attached',
  'devices:detached',
  'devices:progress',
  'devices:done',
  'devices:failed',
  'periods:changed',
  'settings:changed',
  'imports:progress',
  'imports:found',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];
