/**
 * How the audit trail labels the actors that are not a person, an API key or an application
 * (`actorType` system or cli): one of these fixed labels, or `<kind>:<name>` (`job:sat.sync`,
 * `connector:Contpaqi`, `cli:maria`). The server writes them from here and the web names them in
 * the person's language; a label added here without its text fails the web's codes test.
 */
export const systemActorLabels = [
  'sat-download',
  'cfdi-ingestion',
  'taxpayers',
  'webhooks',
  'orders',
  'demo',
  'operator',
] as const;
export type SystemActorLabel = (typeof systemActorLabels)[number];

export const actorLabelKinds = ['job', 'connector', 'cli'] as const;
export type ActorLabelKind = (typeof actorLabelKinds)[number];

/** `job:sat.sync`: a kind of actor and its name (a job, a connector, the operating-system user). */
export const kindActorLabel = (kind: ActorLabelKind, name: string) => `${kind}:${name}`;

/** A system actor's label read back: a fixed one, a kind with its name, or null (any other text). */
export function parseActorLabel(
  label: string,
): { label: SystemActorLabel } | { kind: ActorLabelKind; name: string } | null {
  if ((systemActorLabels as readonly string[]).includes(label)) return { label: label as SystemActorLabel };
  const colon = label.indexOf(':');
  const kind = label.slice(0, colon);
  if (colon > 0 && (actorLabelKinds as readonly string[]).includes(kind))
    return { kind: kind as ActorLabelKind, name: label.slice(colon + 1) };
  return null;
}
