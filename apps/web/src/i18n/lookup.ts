/**
 * The entry for a key the server sent, when the table has one. Tables are typed over the enums
 * they label (`satisfies Record<SatRequestState, string>`), but what arrives over the wire is a
 * string: a value the app does not know yet gets `undefined` and the caller shows it raw.
 */
export function lookup<Value>(table: Readonly<Record<string, Value>>, key: string): Value | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
