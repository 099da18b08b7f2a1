import type { Role } from '@boveda/contracts';
import { type ComponentType, createElement, lazy, type ReactElement } from 'react';
import type { Messages } from '../i18n/es-MX.js';
import { buildPath, matchPattern, type ParamsOf } from './route-pattern.js';

/** What every signed-in page is given: its path parameters and the person's role in the organization. */
export interface PageProps<Params = Record<string, never>> {
  params: Params;
  myRole: Role;
}

/** A page shown before anyone signs in (the sign-in form) gets only its parameters. */
export interface PublicPageProps<Params = Record<string, never>> {
  params: Params;
}

type NavKey = keyof Messages['nav'];

/**
 * Where a page lives, without the page: what links, the navigation and sign-in redirects need. Kept
 * apart from the page loaders (`routes.ts`) so a page can link to another without importing the
 * table that lazily imports every page (that would be an import cycle).
 */
export interface Place<Pattern extends string = string> {
  path: Pattern;
  /** The main navigation shows the place under this label (`t.nav[…]`); places without it are reached by links. */
  nav?: NavKey;
  /**
   * The lowest role that sees the place in the navigation and may land on it after sign-in. The page
   * still opens for anyone signed in and explains itself; the server is what enforces the role.
   */
  minRole: Role;
  /** Shown without the signed-in shell, before asking the server who the person is. */
  public: boolean;
}

/** A signed-in place. */
export function definePlace<const Pattern extends string>(spec: {
  path: Pattern;
  /** Only a place without parameters can be a navigation entry (the nav has no values to fill in). */
  nav?: [keyof ParamsOf<Pattern>] extends [never] ? NavKey : never;
  /** Default `viewer`: everyone signed in. */
  minRole?: Role;
}): Place<Pattern> & { public: false } {
  return {
    path: spec.path,
    ...(spec.nav ? { nav: spec.nav } : {}),
    minRole: spec.minRole ?? 'viewer',
    public: false,
  };
}

/** A place shown before anyone signs in (the sign-in form). */
export function definePublicPlace<const Pattern extends string>(spec: {
  path: Pattern;
}): Place<Pattern> & { public: true } {
  return { path: spec.path, minRole: 'viewer', public: true };
}

export interface Route<Pattern extends string = string> extends Place<Pattern> {
  /**
   * The page, lazily: each page is its own chunk, loaded the first time it is shown (render it
   * inside `<Suspense>`). `myRole` is null only for public routes. A method, so that one table can
   * hold routes with different parameters.
   */
  render(params: ParamsOf<Pattern>, myRole: Role | null): ReactElement;
  /** Fetches the page's chunk ahead of time, so opening it later shows no "Cargando…". */
  preload(): Promise<unknown>;
}

type PageModule<Name extends string, Props> = { [K in Name]: ComponentType<Props> };

interface PageSpec<Name extends string, Props> {
  /** The page's module, e.g. `() => import('./pages/cfdi/CfdiPage.js')`; a dynamic import makes the chunk. */
  load: () => Promise<PageModule<NoInfer<Name>, Props>>;
  /** The page's export in that module (`lazy` wants a default export; pages are named exports). */
  name: Name;
}

function lazyPage<Name extends string, Props>(spec: PageSpec<Name, Props>): ComponentType<Props> {
  // The generic module lookup is beyond what `lazy`'s ref-aware props type can follow; pages take no ref.
  return lazy(() =>
    spec.load().then((module) => ({ default: module[spec.name] as ComponentType<Props> })),
  ) as ComponentType<Props>;
}

/**
 * A signed-in place with its page. The page's props must accept the pattern's parameters, so a page
 * reading `params.id` on a place without `:id` does not compile.
 */
export function defineRoute<const Pattern extends string, const Name extends string>(
  place: Place<Pattern> & { public: false },
  spec: PageSpec<Name, PageProps<ParamsOf<Pattern>>>,
): Route<Pattern> {
  const Page = lazyPage(spec);
  return {
    ...place,
    preload: spec.load,
    render(params, myRole) {
      if (!myRole) throw new Error(`${place.path} is shown only to a signed-in person`);
      return createElement(Page, { params, myRole });
    },
  };
}

export function definePublicRoute<const Pattern extends string, const Name extends string>(
  place: Place<Pattern> & { public: true },
  spec: PageSpec<Name, PublicPageProps<ParamsOf<Pattern>>>,
): Route<Pattern> {
  const Page = lazyPage(spec);
  return { ...place, preload: spec.load, render: (params) => createElement(Page, { params }) };
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** The first route whose pattern fits the path: list a fixed path (`/x/nuevo`) before `/x/:id`. */
export function matchRoute(table: readonly Route[], pathname: string): RouteMatch | null {
  for (const route of table) {
    const params = matchPattern(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

type SearchInit = URLSearchParams | Record<string, string> | string;

/** A route's parameters are required exactly when its pattern has some. */
type HrefArgs<Pattern extends string> = [keyof ParamsOf<Pattern>] extends [never]
  ? [params?: ParamsOf<Pattern>, search?: SearchInit]
  : [params: ParamsOf<Pattern>, search?: SearchInit];

/** `href(paths.satRequest, { rfc, id })` → `/contribuyentes/EKU9003173C9/solicitudes/…`. */
export function href<Pattern extends string>(place: Place<Pattern>, ...[params, search]: HrefArgs<Pattern>) {
  const path = buildPath(place.path, (params ?? {}) as ParamsOf<Pattern>);
  const query = search === undefined ? '' : new URLSearchParams(search).toString();
  return query ? `${path}?${query}` : path;
}
