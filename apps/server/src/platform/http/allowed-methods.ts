import FindMyWay from 'find-my-way';

type Method = FindMyWay.HTTPMethod;

export interface RouterMatching {
  caseSensitive: boolean;
  ignoreTrailingSlash: boolean;
  ignoreDuplicateSlashes: boolean;
  maxParamLength: number;
  useSemicolonDelimiter: boolean;
}

/**
 * Which methods answer a concrete URL, so a wrong method on an existing path is told apart from
 * a path that does not exist (405 with `Allow`, not 404). Fastify's router only reports that
 * nothing matched; a second find-my-way router (the one Fastify uses), holding the same patterns
 * and matching URLs the same way, answers which methods would have.
 */
export function createAllowedMethods(matching: RouterMatching) {
  const router = FindMyWay(matching);
  const methods: Method[] = [];
  const noop = () => undefined;

  return {
    add(method: string, url: string) {
      const m = method as Method;
      // Routes that differ only by constraints (host, version) share a pattern: once is enough.
      if (router.hasRoute(m, url)) return;
      router.on(m, url, noop);
      if (!methods.includes(m)) methods.push(m);
    },
    /** The methods some route answers for this URL (query string ignored), sorted. */
    allowedFor(url: string): string[] {
      return methods.filter((m) => router.find(m, url) !== null).sort();
    },
  };
}
