import type { Session } from '../../api/types';

/**
 * Who gets the dashboard as their home page: the server's answer when /auth/me sends one, else the roles the
 * policy lets read a plan overview (PlanOverview.read: IT staff, coordinators, leaders, supervisors).
 */
export function canSeeDashboard(session: Pick<Session, 'user' | 'abilities'>): boolean {
  return session.abilities.readDashboard ?? ['admin', 'coordinator', 'leader', 'supervisor'].includes(session.user.role);
}

/** Who decides on extension requests (the API refuses the others anyway). */
export function canDecideExtensions(session: Pick<Session, 'user' | 'abilities'>): boolean {
  return session.abilities.decideExtensions ?? (session.user.role === 'coordinator' || session.user.role === 'admin');
}
