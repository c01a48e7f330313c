import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/accounts/actor.js';
import { can } from '../../domain/policies/index.js';
import type { User } from '../../db/repositories/users.js';
import type { Services } from '../../services/index.js';
import { authOf, SESSION_COOKIE } from '../plugins/auth.js';
import { ChangePasswordBody, LoginBody } from '../schemas/accounts.js';

/** What the staff app may show: the policy's answers for the signed-in user, so the UI never guesses. */
export function abilities(actor: Actor) {
  const anyUnit = { id: null, parentId: null };
  // Plans are issued by a unit: the user may act on plans if some issuer in reach allows it.
  const forSomeIssuer = (allowed: (issuerUnitId: number | null) => boolean) =>
    actor.scope === null ? allowed(null) : [...actor.scope].some((issuerUnitId) => allowed(issuerUnitId));
  return {
    createUnit: can(actor, 'create', 'Unit', anyUnit),
    updateUnit: can(actor, 'update', 'Unit', anyUnit),
    mergeUnit: can(actor, 'merge', 'Unit', anyUnit),
    listUsers: can(actor, 'list', 'User', { id: null, unitId: null }),
    createUser: can(actor, 'create', 'User', { id: null, unitId: null }),
    updateUser: can(actor, 'update', 'User', { id: null, unitId: null }),
    resetPassword: can(actor, 'resetPassword', 'User', { id: null, unitId: null }),
    readAudit: can(actor, 'read', 'AuditLog', {}),
    importPlan: forSomeIssuer((issuerUnitId) => can(actor, 'create', 'Plan', { issuerUnitId })),
    readDashboard: forSomeIssuer((id) => can(actor, 'read', 'PlanOverview', { planIssuerUnitId: id ?? 0 })),
    decideExtensions: forSomeIssuer((id) => can(actor, 'review', 'Extension', { unitId: id ?? 0, planIssuerUnitId: id ?? 0 })),
    // Disclosures: whether some unit in reach allows the step; the server still checks each item.
    draftDisclosures: forSomeIssuer((id) => can(actor, 'create', 'Disclosure', { unitId: id ?? 0, status: 'draft' })),
    approveDisclosures: forSomeIssuer((id) => can(actor, 'review', 'Disclosure', { unitId: id ?? 0, status: 'pending' })),
    takeDownDisclosures: forSomeIssuer((id) => can(actor, 'revoke', 'Disclosure', { unitId: id ?? 0, status: 'published' })),
    // Reception schedule, procedures and dossiers (issue 5): whether some unit in reach allows it.
    scheduleReception: forSomeIssuer((id) => can(actor, 'create', 'ReceptionSlot', { unitId: id ?? 0 })),
    importProcedures: forSomeIssuer((id) => can(actor, 'create', 'Procedure', { unitId: id ?? 0 })),
    enterDossiers: forSomeIssuer((id) => can(actor, 'create', 'Dossier', { unitId: id ?? 0 })),
    // Voluntary contributions (issue 6): open campaigns, record contributions and spending in some commune in reach.
    recordContributions: forSomeIssuer((id) => can(actor, 'create', 'Campaign', { unitId: id ?? 0 })),
    // Satisfaction surveys (issue 6): build and publish, or moderate free text, for some unit in reach.
    buildSurveys: forSomeIssuer((id) => can(actor, 'create', 'Survey', { unitId: id ?? 0 })),
    moderateSurveys: forSomeIssuer((id) => can(actor, 'review', 'Survey', { unitId: id ?? 0 })),
    editCalendar: can(actor, 'update', 'WorkingCalendar', {}),
    // Citizens' feedback (issue 6): file on behalf and work cases, or move them to another unit, for some unit in reach.
    handleFeedback: forSomeIssuer((id) => can(actor, 'update', 'Feedback', { unitId: id ?? 0 })),
    assignFeedback: forSomeIssuer((id) => can(actor, 'review', 'Feedback', { unitId: id ?? 0 })),
  };
}

export function sessionPayload(user: User, actor: Actor, csrfToken: string | null) {
  return { user, csrfToken, abilities: abilities(actor) };
}

export async function authRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.post<{ Body: LoginBody }>(
    '/auth/login',
    { config: { public: true }, schema: { tags: ['auth'], body: LoginBody } },
    async (request: FastifyRequest<{ Body: LoginBody }>, reply: FastifyReply) => {
      const { username, password } = request.body;
      const result = await services.auth.login(username, password, request.ip, request.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
      });
      const actor = await services.auth.actorFor(result.user);
      return sessionPayload(result.user, actor, result.csrfToken);
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    await services.auth.logout(authOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/auth/me', { schema: { tags: ['auth'] } }, async (request) => {
    const auth = authOf(request);
    return sessionPayload(auth.user, auth.actor, auth.session?.csrfToken ?? null);
  });

  app.post<{ Body: ChangePasswordBody }>(
    '/auth/password',
    { schema: { tags: ['auth'], body: ChangePasswordBody } },
    async (request, reply) => {
      const auth = authOf(request);
      await services.accounts.changeOwnPassword(auth.actor, request.body.currentPassword, request.body.newPassword, auth.session?.id);
      return reply.status(204).send();
    },
  );
}
