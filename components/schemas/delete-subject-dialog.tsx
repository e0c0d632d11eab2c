'use client';

import { useDeleteSchema } from '@/lib/queries/schemas';
import { ConfirmNameDialog } from '../ui/confirm-name-dialog';

/** Soft or permanent deletion of a subject (or one version) after the subject's name is typed. */
export function DeleteSubjectDialog({
  open,
  onClose,
  cluster,
  subject,
  version,
  permanent,
  onDeleted,
}: {
  open: boolean;
  onClose: () => void;
  cluster?: string;
  subject: string;
  version?: number;
  permanent: boolean;
  onDeleted: () => void;
}) {
  const del = useDeleteSchema(cluster);
  const what = version === undefined ? `subject ${subject}` : `version ${version} of ${subject}`;
  return (
    <ConfirmNameDialog
      open={open}
      onClose={onClose}
      title={`${permanent ? 'Permanently delete' : 'Delete'} ${what}`}
      name={subject}
      nameLabel="Subject name"
      action={permanent ? 'Delete permanently' : 'Delete'}
      pending={del.isPending}
      error={del.isError ? del.error : null}
      onConfirm={() => del.mutate({ subject, version, permanent }, { onSuccess: onDeleted })}
    >
      {permanent ? (
        <p>
          This removes {version === undefined ? 'every version of the subject' : 'the version'} from the registry for good. Records that name its schema id can
          no longer be decoded.
        </p>
      ) : (
        <p>
          A soft delete: {version === undefined ? 'the subject no longer appears and takes no new versions' : 'the version no longer appears'}, but its schemas
          can still be read by id, so existing records keep decoding.
        </p>
      )}
    </ConfirmNameDialog>
  );
}
