/** What /api/me tells the UI: who is signed in and what they may do on the selected cluster. */
export type ActionId =
  | 'topic.create'
  | 'topic.delete'
  | 'topic.configs'
  | 'topic.add-partitions'
  | 'topic.produce'
  | 'group.delete'
  | 'group.delete-offsets'
  | 'group.reset-offsets'
  | 'acl.create'
  | 'acl.delete'
  | 'schema.register'
  | 'schema.delete'
  | 'schema.delete-version'
  | 'replay.start'
  | 'replay.cancel'
  | 'replay.resume';

export interface MeDto {
  /** false: login is off and everyone is admin */
  loginEnabled: boolean;
  methods: { password: boolean; oidc: boolean };
  user: { name: string; via: 'users' | 'oidc' | 'none' } | null;
  cluster: string;
  role: 'viewer' | 'operator' | 'admin' | null;
  readOnly: boolean;
  /** each write the user may do here (false in read-only mode), plus reading messages and the audit log */
  can: Record<ActionId | 'messages' | 'audit', boolean>;
}

/** One audit log line as GET /api/audit returns it (newest first). */
export interface AuditEntryDto {
  time: string;
  user: string;
  via: string;
  cluster: string;
  action: string;
  target: string | null;
  params: Record<string, unknown>;
  status: number;
  result: 'ok' | 'refused' | 'failed';
  error?: string;
}
