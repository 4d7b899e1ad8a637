import { useEffect } from 'react';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Typography, type FormInstance, type SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

import { api } from '../../api/client';
import { unwrap } from '../../api/problems';
import type { components } from '../../api/schema';
import { formatNumber } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { gibInput, useRules } from './formRules';
import {
  ARCHES, DECOMMISSION, DEFAULT_SIZES, GPU_VM_GPUS, isIncrease, LEASE_RENEWAL, matchingPreset, NAMESPACE, namespaceName,
  namespaceNameFits, NODE_POOL, QUOTA_CHANGE, VM, VM_RESIZE, type CatalogueType, type SizePreset,
} from './rules';

type CatalogueData = components['schemas']['Catalogue'];
type RequestSummary = components['schemas']['RequestSummary'];

export interface SpecFieldsProps {
  type: CatalogueType;
  form: FormInstance;
  catalogue?: CatalogueData;
  tenant?: string;
  project?: string;
  /** Completed requests of the project (what a day-2 request may name). */
  completed?: RequestSummary[];
}

const full = { xs: 24, sm: 8 };

/** The fields of the type's spec, named `spec.<field>` as the API names them in its errors. */
export function SpecFields(props: SpecFieldsProps) {
  switch (props.type) {
    case 'vm':
    case 'gpu-vm':
      return <VmFields {...props} />;
    case 'k8s-nodes':
      return <NodePoolFields {...props} />;
    case 'namespace':
      return <NamespaceFields {...props} />;
    case 'quota-change':
      return <QuotaChangeFields {...props} />;
    default:
      return <Day2Fields {...props} />;
  }
}

function presets(catalogue: CatalogueData | undefined): SizePreset[] {
  const sizes = catalogue?.sizes?.filter((s): s is SizePreset => !!s.id && !!s.vcpus && !!s.memoryMiB && s.diskGiB !== undefined);
  return sizes && sizes.length > 0 ? sizes : DEFAULT_SIZES;
}

/** Preset buttons that fill vCPUs, memory (and disk): the fields stay editable, "custom" when they match none. */
function SizePresets({ form, catalogue, withDisk = true }: { form: FormInstance; catalogue?: CatalogueData; withDisk?: boolean }) {
  const { t } = useTranslation('portal');
  const language = currentLanguage();
  const vcpus = Form.useWatch(['spec', 'vcpus'], form);
  const memoryMiB = Form.useWatch(['spec', 'memoryMiB'], form);
  const diskGiB = Form.useWatch(['spec', 'diskGiB'], form);
  const list = presets(catalogue);
  const chosen = matchingPreset(list, { vcpus, memoryMiB, diskGiB }, withDisk) ?? 'custom';
  const name = (id: string) => (['small', 'medium', 'large', 'xlarge', '2xlarge'].includes(id) ? t(`form.presets.${id}`) : id);
  return (
    <Form.Item label={t('form.sizePresets')}>
      <Radio.Group
        aria-label={t('form.sizePresets')}
        value={chosen}
        optionType="button"
        onChange={event => {
          const preset = list.find(p => p.id === event.target.value);
          if (preset) {
            form.setFieldsValue({ spec: withDisk
              ? { vcpus: preset.vcpus, memoryMiB: preset.memoryMiB, diskGiB: preset.diskGiB }
              : { vcpus: preset.vcpus, memoryMiB: preset.memoryMiB } });
            form.validateFields([['spec', 'vcpus'], ['spec', 'memoryMiB'], ...(withDisk ? [['spec', 'diskGiB']] : [])])
              .catch(() => undefined);
          }
        }}
        style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
      >
        {list.map(p => (
          <Radio.Button key={p.id} value={p.id} style={{ height: 'auto', lineHeight: 1.4, padding: '4px 12px', borderRadius: 6 }}>
            {withDisk
              ? t('form.presetLabel', { name: name(p.id), vcpus: p.vcpus, memory: formatNumber(p.memoryMiB / 1024, language, 1), disk: p.diskGiB })
              : t('form.presetLabelNoDisk', { name: name(p.id), vcpus: p.vcpus, memory: formatNumber(p.memoryMiB / 1024, language, 1) })}
          </Radio.Button>
        ))}
        <Radio.Button value="custom" disabled style={{ borderRadius: 6 }}>{t('form.custom')}</Radio.Button>
      </Radio.Group>
    </Form.Item>
  );
}

function SizeFields({ limits, withDisk = true, vcpusLabel, memoryLabel }: {
  limits: { vcpus: typeof VM.vcpus; memoryMiB: typeof VM.memoryMiB; diskGiB?: typeof VM.diskGiB };
  withDisk?: boolean; vcpusLabel?: string; memoryLabel?: string;
}) {
  const { t } = useTranslation('portal');
  const rule = useRules();
  return (
    <Row gutter={16}>
      <Col {...full}>
        <Form.Item name={['spec', 'vcpus']} label={vcpusLabel ?? t('form.vcpus')} required rules={rule(limits.vcpus)}>
          <InputNumber style={{ width: '100%' }} precision={0} step={1} inputMode="numeric" />
        </Form.Item>
      </Col>
      <Col {...full}>
        <Form.Item name={['spec', 'memoryMiB']} label={memoryLabel ?? t('form.memoryGiB')} required rules={rule(limits.memoryMiB)} {...gibInput}>
          <InputNumber style={{ width: '100%' }} step={1} min={0} inputMode="decimal" />
        </Form.Item>
      </Col>
      {withDisk && limits.diskGiB && (
        <Col {...full}>
          <Form.Item name={['spec', 'diskGiB']} label={t('form.diskGiB')} required rules={rule(limits.diskGiB)}>
            <InputNumber style={{ width: '100%' }} precision={0} step={10} inputMode="numeric" />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}

function ArchField() {
  const { t } = useTranslation('portal');
  const rule = useRules();
  return (
    <Form.Item name={['spec', 'arch']} label={t('form.arch')} required rules={rule(VM.arch)}>
      <Radio.Group optionType="button" aria-label={t('form.arch')} options={ARCHES.map(arch => ({ value: arch, label: arch }))} />
    </Form.Item>
  );
}

function VmFields({ type, form, catalogue }: SpecFieldsProps) {
  const { t } = useTranslation('portal');
  const rule = useRules();
  const arch = Form.useWatch(['spec', 'arch'], form);
  const images = (catalogue?.images ?? []).filter(image => image.arch === arch);
  const gpuOffer = catalogue?.gpus?.find(offer => offer.arch === arch);
  const maxPerHost = gpuOffer?.maxPerHost ?? 0;

  return (
    <>
      <Form.Item name={['spec', 'name']} label={t('form.name')} required rules={rule(VM.name)} extra={t('form.nameHelp')}>
        <Input autoComplete="off" spellCheck={false} maxLength={63} />
      </Form.Item>
      <ArchField />
      <Form.Item
        name={['spec', 'image']}
        label={t('form.image')}
        required
        rules={rule(VM.image)}
        extra={catalogue && images.length === 0 ? t('form.noImages') : undefined}
      >
        {catalogue ? (
          <Select
            showSearch
            optionFilterProp="label"
            options={images.map(image => ({
              value: image.name,
              label: image.description ? t('form.imageOption', { name: image.name, description: image.description }) : image.name,
            }))}
          />
        ) : <Input autoComplete="off" />}
      </Form.Item>
      <Typography.Title level={5}>{t('form.size')}</Typography.Title>
      <SizePresets form={form} catalogue={catalogue} />
      <SizeFields limits={VM} />
      {type === 'gpu-vm' && (
        <Form.Item
          name={['spec', 'gpus']}
          label={t('form.gpus')}
          required
          rules={[...rule(GPU_VM_GPUS), {
            warningOnly: true,
            validator: async (_r, value: number | undefined) => {
              if (catalogue && arch && maxPerHost === 0) {
                throw new Error(t('form.gpuNone'));
              }
              if (catalogue && value !== undefined && value > maxPerHost) {
                throw new Error(t('form.gpuTooMany', { max: maxPerHost }));
              }
            },
          }]}
          dependencies={[['spec', 'arch']]}
          extra={gpuOffer && gpuOffer.hosts ? t('form.gpuHint', { arch, total: gpuOffer.total, count: gpuOffer.hosts, max: maxPerHost }) : undefined}
        >
          <InputNumber style={{ width: '100%', maxWidth: 200 }} precision={0} inputMode="numeric" />
        </Form.Item>
      )}
      <Typography.Title level={5}>{t('form.advanced')}</Typography.Title>
      <Form.List
        name={['spec', 'sshKeys']}
        rules={[{
          validator: async (_r, keys: unknown[] | undefined) => {
            if ((keys?.length ?? 0) > VM.sshKeysMax) {
              throw new Error(t('rules.tooManyKeys', { max: VM.sshKeysMax }));
            }
          },
        }]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('form.sshKeys')} style={{ marginBottom: 8 }}>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" style={{ display: 'flex', width: '100%' }} styles={{ item: { flex: 1 } }}>
                <Form.Item
                  name={field.name}
                  rules={[...rule({ ...VM.sshKey, required: true })]}
                  style={{ marginBottom: 8 }}
                >
                  <Input.TextArea
                    aria-label={t('form.sshKey', { n: index + 1 })}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    spellCheck={false}
                    style={{ fontFamily: 'monospace' }}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('form.removeSshKey', { n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= VM.sshKeysMax}>
              {t('form.addSshKey')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name={['spec', 'userData']} label={t('form.userData')} rules={rule(VM.userData)} extra={t('form.userDataHelp')}>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 12 }}
          spellCheck={false}
          style={{ fontFamily: 'monospace' }}
          count={{ show: true, max: 16384 }}
        />
      </Form.Item>
      <Form.Item name={['spec', 'leaseDays']} label={t('form.leaseDays')} rules={rule(VM.leaseDays)} extra={t('form.leaseHelp')}>
        <InputNumber style={{ width: '100%', maxWidth: 200 }} precision={0} inputMode="numeric" />
      </Form.Item>
    </>
  );
}

/**
 * The clusters of the catalogue. Form.Item gives its child the field's id, value and onChange: they are passed on to
 * the Select, or the label would name nothing and the choice would never reach the form.
 */
function ClusterSelect({ catalogue, arch, allowClear, ...field }: { catalogue?: CatalogueData; arch?: string; allowClear?: boolean }
  & Pick<SelectProps<string>, 'id' | 'value' | 'onChange' | 'onBlur' | 'status'>) {
  const { t } = useTranslation('portal');
  const clusters = catalogue?.clusters ?? [];
  return (
    <Select
      {...field}
      allowClear={allowClear}
      placeholder={allowClear ? t('form.clusterDefault') : undefined}
      options={clusters.map(cluster => ({
        value: cluster.name,
        label: cluster.demo ? t('form.clusterDemo', { name: cluster.name })
          : t('form.clusterArches', { name: cluster.name, arches: (cluster.arches ?? []).join(', ') }),
        disabled: !!arch && !(cluster.arches ?? []).includes(arch),
      }))}
    />
  );
}

function NodePoolFields({ form, catalogue }: SpecFieldsProps) {
  const { t } = useTranslation('portal');
  const rule = useRules();
  const arch = Form.useWatch(['spec', 'arch'], form);
  const clusters = catalogue?.clusters ?? [];
  const none = catalogue && arch && !clusters.some(cluster => (cluster.arches ?? []).includes(arch));
  return (
    <>
      <ArchField />
      <Form.Item
        name={['spec', 'cluster']}
        label={t('form.cluster')}
        required
        rules={rule(NODE_POOL.cluster)}
        extra={none ? t('form.noClusterForArch', { arch }) : undefined}
      >
        {clusters.length > 0 ? <ClusterSelect catalogue={catalogue} arch={arch} /> : <Input autoComplete="off" />}
      </Form.Item>
      <Form.Item name={['spec', 'count']} label={t('form.count')} required rules={rule(NODE_POOL.count)}>
        <InputNumber style={{ width: '100%', maxWidth: 200 }} precision={0} inputMode="numeric" />
      </Form.Item>
      <Typography.Title level={5}>{t('form.nodeSize')}</Typography.Title>
      <SizePresets form={form} catalogue={catalogue} />
      <SizeFields limits={NODE_POOL} />
      <Form.Item name={['spec', 'gpus']} label={t('form.gpus')} rules={rule(NODE_POOL.gpus)}>
        <InputNumber style={{ width: '100%', maxWidth: 200 }} precision={0} inputMode="numeric" />
      </Form.Item>
    </>
  );
}

function NamespaceFields({ form, catalogue, tenant, project }: SpecFieldsProps) {
  const { t } = useTranslation('portal');
  const rule = useRules();
  const suffix = Form.useWatch(['spec', 'suffix'], form) as string | undefined;
  const name = tenant && project ? namespaceName(tenant, project, suffix) : undefined;
  return (
    <>
      <Form.Item
        name={['spec', 'suffix']}
        label={t('form.suffix')}
        dependencies={['tenant', 'project']}
        rules={[...rule(NAMESPACE.suffix), {
          validator: async (_r, value: string | undefined) => {
            if (tenant && project && !namespaceNameFits(tenant, project, value)) {
              throw new Error(t('form.namespaceTooLong', { name: namespaceName(tenant, project, value) }));
            }
          },
        }]}
        extra={name ? t('form.suffixHelp', { name }) : undefined}
      >
        <Input autoComplete="off" spellCheck={false} maxLength={22} />
      </Form.Item>
      <Form.Item name={['spec', 'cluster']} label={t('form.cluster')} rules={rule(NAMESPACE.cluster)}>
        {(catalogue?.clusters?.length ?? 0) > 0 ? <ClusterSelect catalogue={catalogue} allowClear />
          : <Input autoComplete="off" placeholder={t('form.clusterDefault')} />}
      </Form.Item>
      <Typography.Title level={5}>{t('form.share')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('form.shareHelp')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={12} sm={6}>
          <Form.Item name={['spec', 'quota', 'vcpus']} label={t('form.vcpus')} rules={rule(NAMESPACE.quota.vcpus)}>
            <InputNumber style={{ width: '100%' }} precision={0} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name={['spec', 'quota', 'memoryMiB']} label={t('form.memoryGiB')} rules={rule(NAMESPACE.quota.memoryMiB)} {...gibInput}>
            <InputNumber style={{ width: '100%' }} min={0} inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name={['spec', 'quota', 'diskGiB']} label={t('form.diskGiB')} rules={rule(NAMESPACE.quota.diskGiB)}>
            <InputNumber style={{ width: '100%' }} precision={0} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name={['spec', 'quota', 'gpus']} label={t('form.gpus')} rules={rule(NAMESPACE.quota.gpus)}>
            <InputNumber style={{ width: '100%' }} precision={0} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** Shows the "at least one amount" rule; carries QuotaChangeSpec's `spec.increase` error (it sends nothing). */
function IncreaseNote() {
  const { t } = useTranslation('portal');
  return <Typography.Text type="secondary">{t('form.amountsHelp')}</Typography.Text>;
}

function QuotaChangeFields({ form, completed }: SpecFieldsProps) {
  const { t } = useTranslation('portal');
  const rule = useRules();
  const amounts = QUOTA_CHANGE.amounts;
  const labels: Record<(typeof amounts)[number], string> = {
    vcpus: t('form.vcpus'), memoryMiB: t('form.memoryGiB'), diskGiB: t('form.diskGiB'), gpus: t('form.gpus'),
    vms: t('form.vms'), k8sNodes: t('form.k8sNodes'),
  };
  const namespaces = (completed ?? []).filter(r => r.type === 'namespace');
  return (
    <>
      <Typography.Title level={5}>{t('form.amounts')}</Typography.Title>
      <Row gutter={16}>
        {amounts.map(key => (
          <Col key={key} xs={12} sm={8}>
            <Form.Item
              name={['spec', key]}
              label={labels[key]}
              rules={rule(QUOTA_CHANGE[key])}
              {...(key === 'memoryMiB' ? gibInput : {})}
            >
              <InputNumber style={{ width: '100%' }} min={0} precision={key === 'memoryMiB' ? undefined : 0} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item
        name={['spec', 'increase']}
        dependencies={amounts.map(key => ['spec', key])}
        rules={[{
          validator: async () => {
            if (!isIncrease(form.getFieldValue('spec') ?? {})) {
              throw new Error(t('form.atLeastOne'));
            }
          },
        }]}
      >
        <IncreaseNote />
      </Form.Item>
      <Form.Item name={['spec', 'namespace']} label={t('form.namespace')} rules={rule(QUOTA_CHANGE.namespace)} extra={t('form.namespaceHelp')}>
        <Select allowClear options={namespaces.map(r => targetOption(t, r))} />
      </Form.Item>
    </>
  );
}

function targetOption(t: TFunction<'portal'>, r: RequestSummary) {
  const type = t(`common:requestType.${r.type}`);
  return { value: r.id, label: t('form.targetOption', { id: r.id, type }) };
}

const TARGET_TYPES: Partial<Record<CatalogueType, string[]>> = {
  'vm-resize': ['vm'],
  'lease-renewal': ['vm'],
  decommission: ['vm', 'k8s-nodes', 'namespace'],
};

function Day2Fields({ type, form, catalogue, project, completed }: SpecFieldsProps) {
  const { t } = useTranslation('portal');
  const rule = useRules();
  const targetId = Form.useWatch(['spec', 'requestId'], form);
  const targets = (completed ?? []).filter(r => TARGET_TYPES[type]?.includes(r.type ?? ''));
  // the list rows carry no spec: the target's own details do (a resize starts from its size)
  const { data: target } = useQuery({
    queryKey: ['request', targetId],
    enabled: !!targetId && type === 'vm-resize',
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}', { params: { path: { id: targetId as string } } })),
  });
  const node = Form.useWatch(['spec', 'node'], { form, preserve: true }) as number | undefined | null;

  // a resize starts from the VMs' size as their request asked for it
  useEffect(() => {
    const spec = (target?.spec ?? {}) as Record<string, unknown>;
    if (type === 'vm-resize' && typeof spec.vcpus === 'number' && form.getFieldValue(['spec', 'vcpus']) === undefined) {
      form.setFieldsValue({ spec: { vcpus: spec.vcpus, memoryMiB: spec.memoryMiB as number } });
    }
  }, [target, type, form]);
  const requestIdRule = type === 'vm-resize' ? VM_RESIZE.requestId : type === 'lease-renewal' ? LEASE_RENEWAL.requestId
    : DECOMMISSION.requestId;

  return (
    <>
      <Form.Item name={['spec', 'requestId']} label={t('form.target')} required rules={rule(requestIdRule)} extra={t('form.targetHelp')}>
        <Select
          showSearch
          optionFilterProp="label"
          disabled={!project}
          placeholder={project ? undefined : t('form.chooseProjectFirst')}
          options={targets.map(r => targetOption(t, r))}
        />
      </Form.Item>
      {type === 'vm-resize' && (
        <>
          <Typography.Paragraph type="secondary">{t('form.resizeHelp')}</Typography.Paragraph>
          <SizePresets form={form} catalogue={catalogue} withDisk={false} />
          <SizeFields limits={VM_RESIZE} withDisk={false} vcpusLabel={t('form.newVcpus')} memoryLabel={t('form.newMemoryGiB')} />
        </>
      )}
      {type === 'lease-renewal' && (
        <Form.Item label={t('form.days')} required>
          <Space wrap>
            <Form.Item name={['spec', 'days']} noStyle rules={rule(LEASE_RENEWAL.days)}>
              <InputNumber aria-label={t('form.days')} style={{ width: 160 }} precision={0} inputMode="numeric" />
            </Form.Item>
            {[30, 90, 180, 365].map(days => (
              <Button key={days} onClick={() => form.setFieldsValue({ spec: { days } })}>{t('form.daysPreset', { count: days })}</Button>
            ))}
          </Space>
          <Form.Item noStyle shouldUpdate>
            {() => <Form.ErrorList errors={form.getFieldError(['spec', 'days'])} />}
          </Form.Item>
        </Form.Item>
      )}
      {type === 'decommission' && (target?.type === 'k8s-nodes' || (target === undefined && node !== undefined && node !== null)) && (
        <Form.Item name={['spec', 'node']} label={t('form.node')} rules={rule(DECOMMISSION.node)} extra={t('form.nodeHelp')}>
          <InputNumber style={{ width: '100%', maxWidth: 200 }} precision={0} inputMode="numeric" />
        </Form.Item>
      )}
    </>
  );
}
