import AttachFileIcon from '@mui/icons-material/AttachFile';
import DescriptionIcon from '@mui/icons-material/Description';
import DownloadIcon from '@mui/icons-material/Download';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, IconButton, LinearProgress, List, ListItem, ListItemAvatar, ListItemText, Tooltip, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { HttpError, useDataProvider, useGetList, useLocaleState, useNotify, useRefresh, useTranslate, type Identifier } from 'react-admin';
import { formatDateTime } from '../DateTimeField';
import { saveFile } from '../files';
import { personLabel, usePerson } from '../PersonName';
import type { StoredFileView } from '@xb/contracts/files';
import { ATTACHMENTS, type AttachmentRecord, type XbDataProvider } from '../../providers/data-provider';
import { API_URL, httpClient } from '../../providers/http-client';

export interface AttachmentsProps {
  /** The API resource of the record (`complaints`): files are listed from `/api/<resource>/:id/attachments`. */
  resource: string;
  recordId: Identifier;
  /** The upload purpose, `<module>.<record type>` (`complaints.complaint`). */
  purpose: string;
  /** Show the upload button (the server checks again). */
  canUpload: boolean;
}

/** What the file input offers; the server decides by the content, not by this list. */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,application/pdf,.docx,.xlsx,.pptx';

/**
 * Evidence files 证据材料 of one record, for any module: the list with image thumbnails and
 * downloads (each download is audited on the server), and an upload button that stores
 * the file (POST /api/files) and attaches it to the record, which puts it on the record's
 * history. Refreshes the page's queries after an upload, so a timeline shows the new step.
 */
export function Attachments({ resource, recordId, purpose, canUpload }: AttachmentsProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<XbDataProvider>();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const { data, isPending, error } = useGetList<AttachmentRecord>(ATTACHMENTS, {
    filter: { resource, recordId },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'attachedAt', order: 'ASC' },
  });

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setUploading(true);
    try {
      for (const file of Array.from(files)) {
        const stored = await dataProvider.uploadFile(purpose, file);
        await dataProvider.attachFile(resource, recordId, stored.id);
      }
      notify('xb.files.uploaded', { type: 'success', messageArgs: { smart_count: files.length } });
      refresh();
    } catch (err) {
      notify(uploadErrorMessage(err), { type: 'error' });
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Box data-testid="attachments">
      {canUpload && (
        <>
          <input ref={input} type="file" accept={ACCEPT} multiple hidden data-testid="attachment-input" onChange={(e) => upload(e.target.files)} />
          <Button size="small" variant="outlined" startIcon={<UploadFileIcon />} disabled={uploading} onClick={() => input.current?.click()} sx={{ mb: 1 }}>
            {translate('xb.files.upload')}
          </Button>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
            {translate('xb.files.hint')}
          </Typography>
          {uploading && <LinearProgress sx={{ mb: 1 }} aria-label={translate('ra.page.loading')} />}
        </>
      )}
      {error ? (
        <Alert severity="warning">{translate('xb.files.error')}</Alert>
      ) : isPending ? (
        <Typography color="text.secondary">…</Typography>
      ) : !data?.length ? (
        <Typography color="text.secondary">{translate('xb.files.empty')}</Typography>
      ) : (
        <List dense disablePadding>
          {data.map((file) => (
            <AttachmentLine key={file.id} file={file} />
          ))}
        </List>
      )}
    </Box>
  );
}

/**
 * Files a record holds by id (a fix's evidence, an activity's photos), read through
 * `GET /api/files/:id/meta` — each answered to those who may see the record — and shown like
 * attachments: thumbnail, name, size, uploader, download (audited).
 */
export function StoredFiles({ fileIds, empty = 'xb.files.empty' }: { fileIds: readonly string[]; empty?: string }) {
  const translate = useTranslate();
  const [state, setState] = useState<{ files?: AttachmentRecord[]; failed?: boolean }>({});
  const key = fileIds.join(',');
  useEffect(() => {
    if (!key) return undefined;
    let alive = true;
    Promise.all(
      key.split(',').map(async (id) => {
        const meta = (await httpClient(`${API_URL}/files/${encodeURIComponent(id)}/meta`)).json as StoredFileView;
        return { id: meta.id, fileId: meta.id, name: meta.name, size: meta.size, sha256: meta.sha256, mimeType: meta.mimeType, hasThumbnail: meta.hasThumbnail, attachedAt: meta.createdAt, attachedBy: { id: meta.createdBy, username: meta.createdByUsername } };
      }),
    ).then(
      (files) => alive && setState({ files }),
      () => alive && setState({ failed: true }),
    );
    return () => {
      alive = false;
    };
  }, [key]);
  if (!key) return <Typography variant="body2" color="text.secondary">{translate(empty)}</Typography>;
  if (state.failed) return <Alert severity="warning">{translate('xb.files.error')}</Alert>;
  if (!state.files) return <Typography color="text.secondary">…</Typography>;
  return (
    <List dense disablePadding data-testid="stored-files">
      {state.files.map((file) => (
        <AttachmentLine key={file.id} file={file} />
      ))}
    </List>
  );
}

function AttachmentLine({ file }: { file: AttachmentRecord }) {
  const translate = useTranslate();
  const { person: attachedBy } = usePerson(file.attachedBy.id);
  const notify = useNotify();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<XbDataProvider>();
  const download = async () => {
    try {
      saveFile(await dataProvider.downloadFile(file.fileId, file.name));
    } catch (err) {
      notify(err instanceof Error && err.message ? err.message : 'xb.files.download_error', { type: 'error' });
    }
  };
  return (
    <ListItem
      disableGutters
      data-testid="attachment"
      secondaryAction={
        <Tooltip title={translate('xb.files.download')}>
          <IconButton edge="end" onClick={download} aria-label={translate('xb.files.download')}>
            <DownloadIcon />
          </IconButton>
        </Tooltip>
      }
    >
      <ListItemAvatar sx={{ minWidth: 72 }}>
        <Preview file={file} />
      </ListItemAvatar>
      <ListItemText
        primary={file.name}
        slotProps={{ primary: { sx: { wordBreak: 'break-all' } } }}
        secondary={translate('xb.files.line', { size: formatSize(file.size, locale), user: personLabel(attachedBy, file.attachedBy.username), at: formatDateTime(file.attachedAt, locale) })}
      />
    </ListItem>
  );
}

/** The image thumbnail (fetched with the token, shown from a blob URL), or an icon for documents. */
function Preview({ file }: { file: AttachmentRecord }) {
  const dataProvider = useDataProvider<XbDataProvider>();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file.hasThumbnail) return;
    let revoked = false;
    let objectUrl: string | null = null;
    dataProvider
      .fileThumbnail(file.fileId)
      .then((blob) => {
        if (revoked) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [dataProvider, file.fileId, file.hasThumbnail]);
  const box = { width: 56, height: 56, borderRadius: 1, bgcolor: 'action.hover', display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' } as const;
  if (file.hasThumbnail) {
    return <Box sx={box}>{url ? <img src={url} alt={file.name} data-testid="attachment-thumbnail" style={{ width: '100%', height: '100%', objectFit: 'cover' }} /> : null}</Box>;
  }
  const Icon = file.mimeType === 'application/pdf' ? PictureAsPdfIcon : file.mimeType.includes('officedocument') ? DescriptionIcon : AttachFileIcon;
  return (
    <Box sx={box}>
      <Icon color="action" />
    </Box>
  );
}

function formatSize(bytes: number, locale: string): string {
  const fmt = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} KB`;
  return `${fmt(bytes / 1024 / 1024)} MB`;
}

function uploadErrorMessage(err: unknown): string {
  if (err instanceof HttpError) {
    if (err.status === 413) return 'xb.files.too_large';
    if (err.status === 415) return 'xb.files.unsupported';
    if (err.message) return err.message;
  }
  return 'xb.files.upload_error';
}
