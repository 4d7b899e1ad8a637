import { useEffect, useMemo, useRef, useState } from 'react';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Result, Row, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';

import { api } from '../../api/client';
import { fieldErrors, ProblemError, unwrap, type Problem } from '../../api/problems';
import { useTenant } from '../../app/me';
import { formatNumber } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { useRules } from './formRules';
import { previewRequest, useCatalogue, useCompletedRequests, useProjects, useResource, useTenants, type Submission } from './portalApi';
import { PreviewPanel, type PreviewState } from './PreviewPanel';
import {
  apiType, buildSpec, DEFAULT_SIZES, isCatalogueType, maySubmitIn, remaining, SUBMIT, type CatalogueType,
} from './rules';
import { SpecFields } from './SpecFields';

/** The request form (/requests/new/:type): where, what and why, beside a live preview of cost, quota and approvals. */
export default function RequestForm() {
  const { type } = useParams();
  const { t } = useTranslation('portal');
  if (!isCatalogueType(type)) {
    return (
      <Result
        status="404"
        title={t('form.unknownType', { type })}
        extra={<Link to="/requests/new">{t('form.back')}</Link>}
      />
    );
  }
  return <RequestFormFor key={type} type={type} />;
}

function initialSpec(type: CatalogueType): Record<string, unknown> {
  const medium = DEFAULT_SIZES[1];
  switch (type) {
    case 'vm':
      return { arch: 'x86_64', vcpus: medium.vcpus, memoryMiB: medium.memoryMiB, diskGiB: medium.diskGiB, sshKeys: [] };
    case 'gpu-vm':
      return { arch: 'x86_64', vcpus: 8, memoryMiB: 32768, diskGiB: 160, gpus: 1, sshKeys: [] };
    case 'k8s-nodes':
      return { arch: 'x86_64', count: 1, vcpus: medium.vcpus, memoryMiB: medium.memoryMiB, diskGiB: medium.diskGiB };
    case 'lease-renewal':
      return { days: 30 };
    default:
      return {};
  }
}

interface Values {
  tenant?: string;
  project?: string;
  justification?: string;
  spec?: Record<string, unknown>;
}

function RequestFormFor({ type }: { type: CatalogueType }) {
  const { t } = useTranslation('portal');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const rule = useRules();
  const language = currentLanguage();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const { tenant: headerTenant } = useTenant();

  const tenants = useTenants();
  const tenant = Form.useWatch('tenant', form);
  const project = Form.useWatch('project', form);
  const projects = useProjects(tenant);
  const catalogue = useCatalogue();
  const completed = useCompletedRequests(DAY_TWO_OR_QUOTA.includes(type) ? tenant : undefined, project);
  const resourceId = params.get('resource');
  const resource = useResource(resourceId);

  const [problem, setProblem] = useState<Problem>();
  const [preview, setPreview] = useState<PreviewState>({ status: 'incomplete' });

  const tenantOptions = (tenants.data ?? []).filter(x => !headerTenant || x.id === headerTenant);
  const projectOptions = useMemo(() => (projects.data ?? []).filter(p => maySubmitIn(p.role)), [projects.data]);
  const chosenProject = projects.data?.find(p => p.id === project);

  // the tenant: the header's, else the only one the user has
  useEffect(() => {
    const current = form.getFieldValue('tenant') as string | undefined;
    const wanted = headerTenant ?? (tenants.data?.length === 1 ? tenants.data[0].id : undefined);
    if (wanted && current !== wanted && (headerTenant || !current)) {
      form.setFieldsValue({ tenant: wanted, project: undefined });
    }
  }, [headerTenant, tenants.data, form]);

  // the project: kept while the user may request in it, else the only one they may
  useEffect(() => {
    if (!projects.data) {
      return;
    }
    const current = form.getFieldValue('project') as string | undefined;
    if (current && projectOptions.some(p => p.id === current)) {
      return;
    }
    form.setFieldsValue({ project: projectOptions.length === 1 ? projectOptions[0].id : undefined });
  }, [projects.data, projectOptions, form]);

  // the first image offered for the arch, whenever the arch has no such image
  const arch = Form.useWatch(['spec', 'arch'], form) as string | undefined;
  useEffect(() => {
    if (!catalogue.data || (type !== 'vm' && type !== 'gpu-vm')) {
      return;
    }
    const images = (catalogue.data.images ?? []).filter(image => image.arch === arch);
    const current = form.getFieldValue(['spec', 'image']) as string | undefined;
    if (!images.some(image => image.name === current)) {
      const preferred = images.find(image => image.kind !== 'kernel') ?? images[0];
      form.setFieldsValue({ spec: { image: preferred?.name } });
    }
  }, [catalogue.data, arch, type, form]);

  // a node pool's cluster: the first one that takes the arch
  useEffect(() => {
    if (!catalogue.data || type !== 'k8s-nodes') {
      return;
    }
    const clusters = (catalogue.data.clusters ?? []).filter(c => !arch || (c.arches ?? []).includes(arch));
    const current = form.getFieldValue(['spec', 'cluster']) as string | undefined;
    if (!clusters.some(c => c.name === current)) {
      form.setFieldsValue({ spec: { cluster: clusters[0]?.name } });
    }
  }, [catalogue.data, arch, type, form]);

  // a day-2 form started from a resource (?resource=<id>) or a request (?request=<id>)
  const prefilled = useRef(false);
  useEffect(() => {
    const requestId = params.get('request');
    if (prefilled.current) {
      return;
    }
    if (resource.data) {
      prefilled.current = true;
      const r = resource.data as typeof resource.data & { nodeIndex?: number };
      const spec: Record<string, unknown> = { requestId: r.requestId };
      if (type === 'vm-resize' && r.size) {
        spec.vcpus = r.size.vcpus;
        spec.memoryMiB = r.size.memoryMiB;
      }
      if (type === 'decommission' && r.kind === 'k8s-node' && r.nodeIndex !== undefined) {
        spec.node = r.nodeIndex;
      }
      form.setFieldsValue({ tenant: r.tenant, project: r.project, spec });
    } else if (requestId && !resourceId) {
      prefilled.current = true;
      form.setFieldsValue({ spec: { requestId } });
    }
  }, [resource.data, params, resourceId, type, form]);

  const toSubmission = (values: Values): Submission => ({
    tenant: values.tenant ?? '',
    project: values.project ?? '',
    type: apiType(type),
    spec: buildSpec(type, values.spec),
    justification: values.justification?.trim() ?? '',
  });

  // the live preview: debounced, once the form (bar the justification) is valid
  const values = Form.useWatch([], form);
  const watched = JSON.stringify(values ?? {});
  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      const names = form.getFieldsError().map(field => field.name).filter(name => name.join('.') !== 'justification');
      try {
        await form.validateFields(names, { validateOnly: true });
      } catch {
        setPreview({ status: 'incomplete' });
        return;
      }
      setPreview(previous => ({ status: 'loading', last: previous.status === 'ready' ? previous.preview
        : previous.status === 'loading' ? previous.last : undefined }));
      try {
        // the preview needs no justification yet (RequestDraft): what is asked for decides cost, quota and levels
        const answer = await previewRequest(toSubmission(form.getFieldsValue()), controller.signal);
        setPreview({ status: 'ready', preview: answer });
      } catch (error) {
        if (controller.signal.aborted) {
          return;
        }
        setPreview({ status: 'refused', problem: error instanceof ProblemError ? error.problem
          : { title: error instanceof Error ? error.message : String(error) } });
      }
    }, 500);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [watched]);

  const submit = useMutation({
    mutationFn: async (body: Submission) => unwrap(await api.POST('/api/requests', { body })),
    onSuccess: created => {
      queryClient.invalidateQueries({ queryKey: ['requests'] });
      queryClient.invalidateQueries({ queryKey: ['projects'] });
      message.success(t('form.submitted', { id: created.id }));
      navigate(`/requests/${created.id}`, { state: { submitted: true } });
    },
    onError: error => {
      if (error instanceof ProblemError && [400, 409, 422].includes(error.status)) {
        const registered = new Set(form.getFieldsError().map(field => JSON.stringify(field.name)));
        const all = fieldErrors(error.problem);
        const onForm = all.filter(field => registered.has(JSON.stringify(field.name)));
        const elsewhere = all.filter(field => !registered.has(JSON.stringify(field.name)));
        form.setFields(onForm);
        setProblem({
          ...error.problem,
          errors: elsewhere.map(field => ({ field: field.name.join('.'), message: field.errors.join('; ') })),
        });
        if (onForm.length > 0) {
          form.scrollToField(onForm[0].name, { block: 'center', focus: true });
        }
      } else {
        setProblem(error instanceof ProblemError ? error.problem
          : { title: error instanceof Error ? error.message : String(error) });
      }
    },
  });

  const quotaLeft = chosenProject ? remaining(chosenProject.quota, chosenProject.used) : undefined;
  const title = t(`common:requestType.${type}`);

  return (
    <div>
      <Link to="/requests/new"><ArrowLeftOutlined /> {t('form.back')}</Link>
      <Typography.Title level={2} style={{ marginTop: 8 }}>{title}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(`catalogue.types.${type}.description`)}</Typography.Paragraph>
      {resourceId && resource.data && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('form.prefilled', { id: resourceId })} />}
      {catalogue.isError && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('form.catalogueFailed')} />}
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={15} xl={16}>
          <Form<Values>
            form={form}
            layout="vertical"
            data-testid="request-form"
            initialValues={{ spec: initialSpec(type) }}
            onFinish={all => {
              setProblem(undefined);
              submit.mutate(toSubmission(all));
            }}
            onFinishFailed={({ errorFields }) => {
              if (errorFields.length > 0) {
                form.scrollToField(errorFields[0].name, { block: 'center', focus: true });
              }
            }}
            scrollToFirstError={false}
            requiredMark
          >
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card title={t('form.where')} size="small">
                <Row gutter={16}>
                  <Col xs={24} sm={12}>
                    <Form.Item name="tenant" label={t('form.tenant')} required rules={rule(SUBMIT.tenant)}>
                      <Select
                        loading={tenants.isLoading}
                        showSearch
                        optionFilterProp="label"
                        disabled={!!headerTenant}
                        options={tenantOptions.map(x => ({ value: x.id, label: x.name ?? x.id }))}
                        onChange={() => form.setFieldsValue({ project: undefined })}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="project"
                      label={t('form.project')}
                      required
                      rules={rule(SUBMIT.project)}
                      extra={quotaLeft ? t('form.quotaLeft', {
                        vcpus: formatNumber(quotaLeft.vcpus, language),
                        memory: formatNumber((quotaLeft.memoryMiB ?? 0) / 1024, language, 1),
                        disk: formatNumber(quotaLeft.diskGiB, language),
                        gpus: formatNumber(quotaLeft.gpus, language),
                      }) : undefined}
                    >
                      <Select
                        loading={projects.isLoading}
                        showSearch
                        optionFilterProp="label"
                        disabled={!tenant}
                        options={projectOptions.map(p => ({
                          value: p.id,
                          label: t('form.projectRole', { project: p.name ?? p.id, role: p.role === 'owner' ? t('form.roles.owner') : t('form.roles.member') }),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                {projects.data && projectOptions.length === 0 && (
                  <Alert type="warning" showIcon title={t('form.noProjects')} />
                )}
              </Card>

              <Card title={t('form.what')} size="small">
                <SpecFields
                  type={type}
                  form={form}
                  catalogue={catalogue.data}
                  tenant={tenant}
                  project={project}
                  completed={completed.data?.items}
                />
              </Card>

              <Card title={t('form.why')} size="small">
                <Form.Item
                  name="justification"
                  label={t('form.justification')}
                  required
                  rules={rule(SUBMIT.justification)}
                  extra={t('form.justificationHelp')}
                >
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} count={{ show: true, max: 2000 }} />
                </Form.Item>
              </Card>

              {problem && (
                <Alert
                  type="error"
                  showIcon
                  closable
                  onClose={() => setProblem(undefined)}
                  title={problem.title ?? t('form.problem')}
                  description={(
                    <>
                      {problem.detail && <div>{problem.detail}</div>}
                      {!!problem.errors?.length && (
                        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                          {problem.errors.map(e => <li key={e.field + e.message}>{`${e.field}: ${e.message}`}</li>)}
                        </ul>
                      )}
                    </>
                  )}
                />
              )}

              <Space wrap>
                <Button type="primary" htmlType="submit" size="large" loading={submit.isPending} data-testid="submit-request">
                  {t('form.submit')}
                </Button>
                <Button size="large" onClick={() => navigate('/requests/new')}>{t('form.cancel')}</Button>
              </Space>
            </Space>
          </Form>
        </Col>
        <Col xs={24} lg={9} xl={8}>
          <div style={{ position: 'sticky', top: 16 }}>
            <PreviewPanel state={preview} project={chosenProject} />
          </div>
        </Col>
      </Row>
    </div>
  );
}

const DAY_TWO_OR_QUOTA: CatalogueType[] = ['vm-resize', 'lease-renewal', 'decommission', 'quota-change'];
