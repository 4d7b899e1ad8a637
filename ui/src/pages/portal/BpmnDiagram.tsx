import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Empty, Flex, Space, Tabs, Tooltip, Typography } from 'antd';
import { CompressOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useTranslation } from 'react-i18next';

import './bpmnDiagram.css';
import { activityMarkers, type DiagramActivity, type RequestDiagramAnswer } from './requestModel';

interface Canvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
}

interface ElementRegistry {
  get(id: string): unknown;
}

const MARKERS = ['sg-completed', 'sg-active'];

/**
 * One process drawn read-only with its activities marked: done (sg-completed) and running (sg-active). The model is
 * imported once per XML; a new answer (polling) only moves the markers, so the user's zoom and scroll stay.
 */
function ProcessCanvas({ xml, activities, testId, processKey }: {
  xml: string; activities: DiagramActivity[] | undefined; testId: string; processKey?: string;
}) {
  const { t } = useTranslation('requests');
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const marked = useRef<Map<string, string>>(new Map());
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    if (!container.current) {
      return undefined;
    }
    const instance = new NavigatedViewer({ container: container.current });
    viewer.current = instance;
    marked.current = new Map();
    let live = true;
    setReady(false);
    setFailure(undefined);
    instance.importXML(xml).then(() => {
      if (live) {
        instance.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
        setReady(true);
      }
    }).catch((error: unknown) => {
      if (live) {
        setFailure(error instanceof Error ? error.message : String(error));
      }
    });
    return () => {
      live = false;
      instance.destroy();
      viewer.current = null;
    };
  }, [xml]);

  useEffect(() => {
    if (!ready || !viewer.current) {
      return;
    }
    const canvas = viewer.current.get<Canvas>('canvas');
    const registry = viewer.current.get<ElementRegistry>('elementRegistry');
    const wanted = activityMarkers(activities);
    for (const [id, marker] of marked.current) {
      if (wanted.get(id) !== marker) {
        canvas.removeMarker(id, marker);
        marked.current.delete(id);
      }
    }
    for (const [id, marker] of wanted) {
      if (registry.get(id) && marked.current.get(id) !== marker) {
        MARKERS.forEach(other => canvas.removeMarker(id, other));
        canvas.addMarker(id, marker);
        marked.current.set(id, marker);
      }
    }
  }, [activities, ready]);

  const zoom = (factor: number | 'fit') => {
    const canvas = viewer.current?.get<Canvas>('canvas');
    if (canvas) {
      if (factor === 'fit') {
        canvas.zoom('fit-viewport', 'auto');
      } else {
        canvas.zoom(canvas.zoom() * factor);
      }
    }
  };

  return (
    <Flex vertical gap={8}>
      {failure && <Alert type="error" showIcon title={t('diagram.failed', { message: failure })} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space size={16} wrap>
          <Typography.Text type="secondary">
            <span className="sg-legend-swatch" style={{ background: '#f6ffed', border: '2px solid #389e0d' }} />
            {t('diagram.completed')}
          </Typography.Text>
          <Typography.Text type="secondary">
            <span className="sg-legend-swatch" style={{ background: '#e6f4ff', border: '2px solid #1668dc' }} />
            {t('diagram.active')}
          </Typography.Text>
        </Space>
        <Space.Compact>
          <Tooltip title={t('diagram.zoomIn')}>
            <Button icon={<ZoomInOutlined />} aria-label={t('diagram.zoomIn')} onClick={() => zoom(1.25)} />
          </Tooltip>
          <Tooltip title={t('diagram.zoomOut')}>
            <Button icon={<ZoomOutOutlined />} aria-label={t('diagram.zoomOut')} onClick={() => zoom(0.8)} />
          </Tooltip>
          <Tooltip title={t('diagram.fit')}>
            <Button icon={<CompressOutlined />} aria-label={t('diagram.fit')} onClick={() => zoom('fit')} />
          </Tooltip>
        </Space.Compact>
      </Flex>
      <div ref={container} className="sg-bpmn-canvas" data-testid={testId} data-ready={ready ? 'true' : 'false'}
        data-process-key={processKey} role="figure" aria-label={t('diagram.label')} />
    </Flex>
  );
}

/** The request's process and, in tabs, the processes it called (provision-vm, join-k8s-node…). */
export function BpmnDiagram({ diagram }: { diagram: RequestDiagramAnswer }) {
  const { t } = useTranslation('requests');
  const called = useMemo(() => diagram.calledProcesses ?? [], [diagram.calledProcesses]);
  if (!diagram.bpmnXml) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('diagram.none')} />;
  }
  const main = (
    <ProcessCanvas xml={diagram.bpmnXml} activities={diagram.activities} testId="bpmn-diagram"
      processKey={diagram.processDefinitionKey ?? undefined} />
  );
  if (called.length === 0) {
    return main;
  }
  const seen = new Map<string, number>();
  const items = called.filter(process => !!process.bpmnXml).map((process, index) => {
    const processKey = process.processDefinitionKey ?? '';
    const count = (seen.get(processKey) ?? 0) + 1;
    seen.set(processKey, count);
    const total = called.filter(other => other.processDefinitionKey === process.processDefinitionKey).length;
    const running = (process.activities ?? []).some(activity => activity.state === 'ACTIVE');
    return {
      key: process.processInstanceId ?? `called-${index}`,
      label: (
        <Space size={4}>
          {running && <span className="sg-legend-swatch" style={{ background: '#1668dc', width: 8, height: 8 }} />}
          {total > 1 ? `${processKey} #${count}` : processKey}
        </Space>
      ),
      children: <ProcessCanvas xml={process.bpmnXml!} activities={process.activities} testId="bpmn-diagram-called"
        processKey={process.processDefinitionKey} />,
    };
  });
  return (
    <Tabs size="small" items={[{ key: 'main', label: diagram.processDefinitionKey ?? t('diagram.main'), children: main },
      ...items]} />
  );
}
