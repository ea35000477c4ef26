import type { Project } from '@guatu/contracts';
import { projectOwnFields } from '@guatu/domain/project-fields';
import { describe, expect, it } from 'vitest';
import { createBody, emptyFormValues, updateBody, valuesFromProject } from './project-form-values.ts';

const project: Project = {
  id: 7,
  code: null,
  name: '甲项目',
  nature: 'new',
  industry: '制造业',
  ownerUnit: null,
  regionId: 3,
  regionName: '朱集镇',
  address: null,
  longitude: null,
  latitude: null,
  content: null,
  totalInvestment: 123_456_700,
  plannedStart: '2023-03',
  plannedFinish: '2024-12-31',
  actualStart: null,
  started: true,
  startedUndated: true,
  statsIncluded: false,
  statsCode: null,
  statsDate: null,
  leaderId: null,
  leaderName: null,
  taskForce: [{ id: 4, name: '李四' }],
  departmentId: null,
  departmentName: null,
  contactName: null,
  contactPhone: null,
  notes: null,
  archived: false,
  years: [
    {
      year: 2023,
      level: 'county',
      category: 'implementation',
      annualPlan: 50_000_000,
      reportedYtd: 1_000_000,
      reportedProgress: '主体施工',
      reportedAsOf: '2023-03-31',
    },
  ],
  version: 3,
  updatedAt: '2023-04-01T00:00:00Z',
  updatedByName: null,
};

describe('project form values (from the field catalogue)', () => {
  it('sends every catalogue field of the project on create', () => {
    const body = createBody({ ...valuesFromProject(project, 2023), name: '乙项目' });
    expect(Object.keys(body).sort()).toEqual([...projectOwnFields.map((f) => f.key), 'years'].sort());
    expect(body).toMatchObject({
      totalInvestment: 123_456_700,
      // A new project has no stored month to keep: the picker's first day is sent.
      plannedStart: '2023-03-01',
      startedUndated: true,
      taskForceIds: [4],
    });
  });

  it('sends only the edit, and an actual start date clears the undated start', () => {
    const values = valuesFromProject(project, 2023);
    expect(updateBody(values, project)).toEqual({ version: 3 });
    const dated = updateBody({ ...values, actualStart: values.plannedFinish }, project);
    expect(dated).toEqual({ version: 3, actualStart: '2024-12-31', startedUndated: false });
  });

  it('starts a new project from the catalogue empty values', () => {
    expect(emptyFormValues(2026)).toEqual({
      year: 2026,
      nature: 'new',
      level: 'county',
      category: 'implementation',
      startedUndated: false,
      statsIncluded: false,
      taskForceIds: [],
    });
  });
});
