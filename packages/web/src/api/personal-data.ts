import type { ProjectContactPhone, UserPhone } from '@guatu/contracts';
import { api } from './client.ts';

// Whole phone numbers: fetched on demand, never cached (each answer is an audit row on the server).

export const fetchProjectContactPhone = (projectId: number) =>
  api.get<ProjectContactPhone>(`/projects/${projectId}/contact-phone`).then((r) => r.contactPhone);

export const fetchUserPhone = (userId: number) =>
  api.get<UserPhone>(`/users/${userId}/phone`).then((r) => r.phone);
