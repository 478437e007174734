import { entityIdOf } from '../api/ids';
import type { WorkflowSession } from './session';

/** The project the manifest names, found by display name or created; undefined when it names none. */
export function resolveProject(session: WorkflowSession): Promise<string | undefined> {
  session.resolved.projectId ??= findOrCreateProject(session);
  return session.resolved.projectId;
}

async function findOrCreateProject(session: WorkflowSession): Promise<string | undefined> {
  const { client, manifest, signal } = session;
  const name = manifest.project;
  if (!name) return undefined;
  const filter = `displayName eq '${name.replace(/'/g, "''")}'`;
  for await (const project of client.projects.list({ filter, signal })) {
    if (project.displayName !== name) continue;
    if (project.locale !== manifest.locale) {
      throw new Error(`The project '${name}' on the service is ${project.locale}, the manifest ${manifest.locale}: a project's locale cannot change. Name another project in the manifest.`);
    }
    const projectId = entityIdOf(project.self, 'projects');
    session.report({ step: 'project', name, action: 'found', projectId });
    return projectId;
  }
  const created = await client.projects.create({ displayName: name, locale: manifest.locale, description: 'Made from customspeech.json' }, signal);
  const projectId = entityIdOf(created.self, 'projects');
  session.report({ step: 'project', name, action: 'created', projectId });
  return projectId;
}

/** The `project` reference for a create body, when the entity's locale fits the project's. */
export async function projectReference(session: WorkflowSession, locale: string): Promise<{ project?: { self: string } }> {
  const projectId = await resolveProject(session);
  // A project holds one locale; an entry with its own locale stays outside it.
  if (!projectId || locale !== session.manifest.locale) return {};
  return { project: session.client.reference('projects', projectId) };
}
