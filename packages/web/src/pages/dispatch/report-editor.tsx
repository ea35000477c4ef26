import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { DispatchReport, DispatchRound, DispatchTableRow } from '@guatu/contracts';
import { ApiError, errorMessage } from '../../api/client.ts';
import {
  deleteReportPhoto,
  fetchReport,
  reportKeys,
  type ReportPhoto,
} from '../../api/dispatch-report-queries.ts';
import { discardReport, onReportSent, sendReport } from '../../offline/report-outbox.ts';
import { useI18n } from '../../i18n/index.tsx';
import { draftOf, emptyForm, formOf, localIssues, newUuid, type ReportForm } from './report-form-state.ts';
import { issuesOfError, issuesOfReport, issueText, type FieldIssue } from './report-issues.ts';
import { useRevokeOnDrop, type PendingPhoto } from './report-photos.tsx';

/** How long after the last change a draft saves itself. */
export const AUTOSAVE_MS = 2000;

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'queued' | 'failed';

type EditorState = {
  status: DispatchReport['status'] | null;
  version: number | undefined;
  /** One idempotency key per draft: the stored report's, else made here once. */
  key: string;
  late: boolean;
  returnReason: string | null;
  save: SaveState;
  savedAt: string | null;
};

const stateOf = (r: DispatchReport | null, save: SaveState = 'idle'): EditorState => ({
  status: r?.status ?? null,
  version: r?.version,
  key: r?.idempotencyKey ?? newUuid(),
  late: r?.late ?? false,
  returnReason: r?.returnReason ?? null,
  save,
  savedAt: r?.updatedAt ?? null,
});

/**
 * The report form's life: its state, the draft saved ~2 s after the last change and on leaving,
 * the submission with the warnings to confirm, the stale edit (409) reloaded. Sends never overlap
 * and go only through `sendReport`.
 */
export function useReportEditor(props: {
  round: DispatchRound;
  row: DispatchTableRow;
  report: DispatchReport | null;
}) {
  const { t, language } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const roundId = props.round.id;
  const projectId = props.row.projectId;
  const [form, setForm] = useState<ReportForm>(() => (props.report ? formOf(props.report) : emptyForm));
  const [state, setState] = useState<EditorState>(() => stateOf(props.report));
  const [issues, setIssues] = useState<FieldIssue[]>(() => issuesOfReport(props.report));
  const [pendingPhotos, setPendingPhotos] = useState<PendingPhoto[]>([]);
  const [submitting, setSubmitting] = useState(false);
  useRevokeOnDrop(pendingPhotos);

  const editable =
    (state.status === null || state.status === 'draft' || state.status === 'returned') &&
    (props.round.status === 'open' || state.status === 'returned');

  // The latest values for sends started from timers and from leaving the page.
  const latest = useRef({ form, state, pendingPhotos, editable });
  latest.current = { form, state, pendingPhotos, editable };
  const changes = useRef(0);
  const saved = useRef(0);
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const touched = () => {
    changes.current += 1;
    setState((s) => ({ ...s, save: 'dirty' }));
  };
  const set = useCallback((patch: Partial<ReportForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    touched();
  }, []);

  /** One send at a time, in order: a save started while another runs waits for it. */
  const enqueue = <T,>(run: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(run, run);
    chain.current = next.catch(() => undefined);
    return next;
  };

  const send = (kind: 'draft' | 'submit', confirmWarnings = false) =>
    enqueue(async () => {
      const { form: f, state: s, pendingPhotos: photos } = latest.current;
      const seq = changes.current;
      setState((x) => ({ ...x, save: 'saving' }));
      const draft = draftOf(f, s.key, s.version);
      const result = await sendReport(
        {
          roundId,
          projectId,
          kind,
          body: kind === 'submit' ? { ...draft, confirmWarnings } : draft,
          photos: photos.map(({ clientKey, file, fileName }) => ({ clientKey, file, fileName })),
        },
        language,
      );
      const sentKeys = new Set(photos.map((p) => p.clientKey));
      setPendingPhotos((p) => p.filter((x) => !sentKeys.has(x.clientKey)));
      const clean = changes.current === seq;
      if (clean) saved.current = seq;
      if (result.status === 'queued') {
        setState((x) => ({ ...x, save: clean ? 'queued' : 'dirty' }));
        return 'queued' as const;
      }
      const r = result.report;
      client.setQueryData(reportKeys.report(roundId, projectId), r);
      if (photos.length > 0)
        void client.invalidateQueries({ queryKey: reportKeys.photos(roundId, projectId) });
      setState({ ...stateOf(r, clean ? 'saved' : 'dirty'), key: r.idempotencyKey });
      setIssues(issuesOfReport(r));
      return r;
    });

  /** After a stale edit (409): the stored report replaces the form. */
  const reload = async () => {
    const r = await fetchReport(roundId, projectId);
    client.setQueryData(reportKeys.report(roundId, projectId), r);
    setForm(r ? formOf(r) : emptyForm);
    setState(stateOf(r));
    setIssues(issuesOfReport(r));
    saved.current = changes.current;
  };

  /** A refused submission has still saved its draft: learn the version it now has. */
  const refreshVersion = async () => {
    const r = await fetchReport(roundId, projectId).catch(() => null);
    if (r) setState((s) => ({ ...s, version: r.version, status: r.status, key: r.idempotencyKey }));
  };

  const failed = (e: unknown) => {
    setState((x) => ({ ...x, save: 'failed' }));
    if (e instanceof ApiError && e.status === 409) {
      // The stored report replaces the form: the refused send waiting on the phone is obsolete.
      void discardReport(roundId, projectId);
      void reload();
      modal.warning({ title: t('dispatchReport.conflict'), content: errorMessage(e, t) });
      return;
    }
    if (e instanceof ApiError && e.code.startsWith('dispatch_photo_')) {
      // A photo the server will not take would block every later send: the photos not yet stored
      // are dropped (those sent before it are kept) and the draft goes on without them.
      void discardReport(roundId, projectId);
      setPendingPhotos([]);
      void client.invalidateQueries({ queryKey: reportKeys.photos(roundId, projectId) });
      void message.error(`${errorMessage(e, t)} ${t('dispatchReport.photo.dropped')}`);
      touched();
      return;
    }
    void message.error(errorMessage(e, t));
  };

  const saveDraft = () => send('draft').catch(failed);

  // A send kept on the phone (offline) and delivered later: the page follows the stored report.
  useEffect(
    () =>
      onReportSent((r) => {
        if (r.roundId !== roundId || r.projectId !== projectId) return;
        client.setQueryData(reportKeys.report(roundId, projectId), r);
        void client.invalidateQueries({ queryKey: reportKeys.photos(roundId, projectId) });
        setState((s) => ({ ...stateOf(r, s.save === 'queued' ? 'saved' : s.save), key: r.idempotencyKey }));
      }),
    [client, roundId, projectId],
  );

  // The draft saves itself AUTOSAVE_MS after the last change.
  useEffect(() => {
    if (!editable || state.save !== 'dirty') return;
    const id = setTimeout(() => void saveDraft(), AUTOSAVE_MS);
    return () => clearTimeout(id);
  }, [form, pendingPhotos, state.save, editable]);

  // …and when the page is left (another page, the tab hidden, the phone locked).
  useEffect(() => {
    const flush = () => {
      if (latest.current.editable && changes.current !== saved.current) void send('draft').catch(() => {});
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  const submit = async (confirmWarnings: boolean): Promise<void> => {
    if (Object.keys(localIssues(latest.current.form)).length > 0) {
      void message.error(t('dispatchReport.submitFix'));
      return;
    }
    setSubmitting(true);
    try {
      const r = await send('submit', confirmWarnings);
      if (r === 'queued') void message.info(t('dispatchReport.submitQueued'));
      else {
        void message.success(t('dispatchReport.submitted'));
        void client.invalidateQueries({ queryKey: ['dispatch-table', roundId] });
        void client.invalidateQueries({ queryKey: ['dispatch-rounds'] });
        void client.invalidateQueries({ queryKey: reportKeys.versions(roundId, projectId) });
      }
    } catch (e) {
      const found = issuesOfError(e);
      if (!found) return failed(e);
      setIssues(found);
      // Shown at their fields; the draft itself was stored before the submission was refused.
      void discardReport(roundId, projectId);
      await refreshVersion();
      setState((x) => ({ ...x, save: changes.current === saved.current ? 'saved' : 'dirty' }));
      const errors = found.filter((i) => i.severity === 'error');
      if (errors.length > 0) {
        void message.error(t('dispatchReport.submitErrors', { n: errors.length }));
        return;
      }
      modal.confirm({
        title: t('dispatchReport.confirmTitle'),
        content: (
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            {found.map((i) => (
              <li key={i.code + i.path}>{issueText(i, t)}</li>
            ))}
          </ul>
        ),
        okText: t('dispatchReport.confirmOk'),
        cancelText: t('dispatchReport.confirmCancel'),
        onOk: () => submit(true),
      });
    } finally {
      setSubmitting(false);
    }
  };

  const addPhotos = (picked: File[]) => {
    // Images only (the camera, the gallery); the server checks the content again.
    const files = picked.filter((f) => f.type === '' || f.type.startsWith('image/'));
    if (files.length < picked.length) void message.warning(t('dispatchReport.photo.notImage'));
    if (files.length === 0) return;
    setPendingPhotos((p) => [
      ...p,
      ...files.map((file, i) => ({
        clientKey: newUuid(),
        file,
        fileName: file.name || `photo-${Date.now()}-${i}.jpg`,
        url: URL.createObjectURL(file),
      })),
    ]);
    touched();
  };
  const removePendingPhoto = (clientKey: string) =>
    setPendingPhotos((p) => p.filter((x) => x.clientKey !== clientKey));
  const deleteSentPhoto = (photo: ReportPhoto) =>
    modal.confirm({
      title: t('dispatchReport.photo.deleteConfirm'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await deleteReportPhoto(photo.id);
        } catch (e) {
          void message.error(errorMessage(e, t));
        }
        await client.invalidateQueries({ queryKey: reportKeys.photos(roundId, projectId) });
      },
    });

  return {
    form,
    set,
    state,
    issues,
    editable,
    submitting,
    pendingPhotos,
    addPhotos,
    removePendingPhoto,
    deleteSentPhoto,
    saveNow: () => void saveDraft(),
    submit,
  };
}
