import { useEffect, useMemo, useState } from 'react';
import { App, Alert, Button, Flex, Form, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import type { Project } from '@guatu/contracts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useCreateProject, useLookups, useProject, useUpdateProject, useYears } from '../../api/queries.ts';
import { ResultPage } from '../../components/result-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { canChangeResponsibility, canCreateProject, canEditProject } from '../../permissions.ts';
import { useUser } from '../../session.tsx';
import { ProjectFormFields } from './project-form-fields.tsx';
import {
  createBody,
  emptyFormValues,
  updateBody,
  valuesFromProject,
  type ProjectFormValues,
} from './project-form-values.ts';
import { fieldErrors, projectFieldName } from './server-field-errors.ts';

/** Create (/projects/new) or edit (/projects/:id/edit) a project. */
export function ProjectFormPage() {
  const t = useT();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const param = useParams().id;
  const id = param === undefined ? null : Number(param);
  const [form] = Form.useForm<ProjectFormValues>();
  const project = useProject(id);
  const years = useYears();
  const lookups = useLookups();
  const create = useCreateProject();
  const update = useUpdateProject(id ?? 0);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loaded, setLoaded] = useState<Project | null>(null);

  const year = useMemo(() => {
    const current = years.data?.current ?? new Date().getFullYear();
    const p = project.data;
    if (!p || p.years.some((y) => y.year === current)) return current;
    return Math.max(...p.years.map((y) => y.year));
  }, [years.data, project.data]);

  // Fill the form once per loaded version (and again after "reload").
  useEffect(() => {
    if (id === null) {
      if (years.data && !loaded) form.setFieldsValue(emptyFormValues(year));
    } else if (project.data && project.data !== loaded) {
      form.setFieldsValue(valuesFromProject(project.data, year));
      setLoaded(project.data);
    }
  }, [id, project.data, years.data, year, form, loaded]);

  if (id !== null && (!Number.isInteger(id) || id <= 0)) return <ResultPage status="404" />;
  if (project.error) return <ResultPage error={project.error} />;
  if (id === null && !canCreateProject(user)) return <ResultPage status="403" />;
  if (id !== null && !project.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (project.data && !canEditProject(user, project.data)) return <ResultPage status="403" />;

  const failed = (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    setError(err);
    if (err instanceof ApiError && err.status === 400) {
      const fields = fieldErrors(err.details).flatMap((f) => {
        const name = projectFieldName(f.path);
        return name ? [{ name: name as keyof ProjectFormValues, errors: [f.message] }] : [];
      });
      if (fields.length) form.setFields(fields);
    }
  };

  const submit = (values: ProjectFormValues) => {
    setError(null);
    const all = { ...form.getFieldsValue(true), ...values } as ProjectFormValues;
    if (id === null) {
      create.mutate(createBody(all), {
        onSuccess: (p) => {
          void message.success(t('form.created'));
          void navigate(`/projects/${p.id}`, { replace: true });
        },
        onError: failed,
      });
    } else if (project.data) {
      update.mutate(updateBody(all, project.data), {
        onSuccess: (p) => {
          void message.success(t('common.saved'));
          void navigate(`/projects/${p.id}`);
        },
        onError: failed,
      });
    }
  };

  const reload = () => {
    setError(null);
    void project.refetch();
  };
  const conflict = error instanceof ApiError && error.code === 'version_conflict';

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Flex align="center" gap={8}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {id === null ? t('form.createTitle') : `${t('form.editTitle')} · ${project.data?.name ?? ''}`}
        </Typography.Title>
      </Flex>
      {error && (
        <Alert
          type={conflict ? 'warning' : 'error'}
          showIcon
          role="alert"
          title={conflict ? t('form.conflictTitle') : t('form.errorTitle')}
          description={errorMessage(error, t)}
          action={conflict ? <Button onClick={reload}>{t('form.conflictReload')}</Button> : undefined}
        />
      )}
      <Form<ProjectFormValues> form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Flex vertical gap={16}>
          <ProjectFormFields
            lookups={lookups.data}
            canAssign={canChangeResponsibility(user)}
            year={year}
            shownPhone={project.data?.contactPhone ?? null}
          />
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Flex>
  );
}
