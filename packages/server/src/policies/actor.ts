import type { Role } from '@guatu/domain';
import type { Lang } from '../messages.ts';

/** Who is asking: the logged-in user with the scope every query is filtered by. */
export type Actor = {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  regionId: number;
  regionName: string;
  /** Materialised path of the user's region: the scope subtree. */
  regionPath: string;
  departmentId: number | null;
  /** The person this account is linked to (people.user_id): the leader or member it acts as. */
  personId?: number | null;
  ip: string | null;
  /** The request's id (Fastify's req.id), written with every audit row of the request. */
  requestId?: string | null;
  lang: Lang;
  /** A printed or reset password not yet changed: the session may only change it. */
  mustChangePassword?: boolean;
  /** An account of the demo dataset. */
  demo?: boolean;
};

/** The actor's region is the root of the tree (its path holds one id): the whole deployment is in scope. */
export const atRootRegion = (actor: Pick<Actor, 'regionPath'>): boolean =>
  actor.regionPath.split('/').filter(Boolean).length === 1;

export const hasRole = (actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean =>
  roles.some((r) => actor.roles.includes(r));

/** A system actor for the CLI and seeding, recorded as such in the audit log. */
export function systemActor(regionId: number, regionPath: string): Actor {
  return {
    id: 0,
    username: 'system',
    displayName: '系统',
    roles: ['admin', 'security_admin'],
    regionId,
    regionName: '',
    regionPath,
    departmentId: null,
    ip: null,
    lang: 'zh-CN',
  };
}
