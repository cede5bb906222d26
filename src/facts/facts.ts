/**
 * The applicant's facts, declared once. This list drives profile validation, the questionnaire,
 * CSV header matching, the JSON Schema of profiles and the README's facts table.
 */

export interface Label {
  zh: string;
  en: string;
}

interface FactBase {
  name: string;
  label: Label;
  help: Label;
  /** Whether an applicant can realistically change this fact (used by what-if suggestions). */
  changeable: boolean;
  /** Extra header names accepted in CSV files, beyond the name and the zh/en labels. */
  aliases?: readonly string[];
}

export interface EnumFact extends FactBase {
  type: 'enum';
  values: readonly string[];
  valueLabels: Readonly<Record<string, Label>>;
  /** Nearly everyone's answer is "none": the questionnaire offers the other values as ticks in its checklist. */
  mostlyNone?: boolean;
}

export interface BooleanFact extends FactBase {
  type: 'boolean';
}

export interface NumberFact extends FactBase {
  type: 'number' | 'integer';
  min: number;
  max?: number;
  unit?: Label;
}

export type FactDef = EnumFact | BooleanFact | NumberFact;
export type FactValue = string | number | boolean;
/** A profile: fact name → value. A fact that is absent is unknown, never false. */
export type Profile = Readonly<Record<string, FactValue>>;

const l = (zh: string, en: string): Label => ({ zh, en });

function enumFact(
  name: string,
  label: Label,
  help: Label,
  values: Record<string, Label>,
  changeable = false,
  mostlyNone = false,
): EnumFact {
  return { name, type: 'enum', label, help, values: Object.keys(values), valueLabels: values, changeable, ...(mostlyNone ? { mostlyNone } : {}) };
}

function boolFact(name: string, label: Label, help: Label, changeable = false): BooleanFact {
  return { name, type: 'boolean', label, help, changeable };
}

function numFact(
  name: string,
  type: 'number' | 'integer',
  label: Label,
  help: Label,
  range: { min: number; max?: number; unit?: Label },
  changeable = false,
): NumberFact {
  return { name, type, label, help, changeable, ...range };
}

const YEARS = l('年', 'years');
const MONTHS = l('个月', 'months');

export const FACTS: readonly FactDef[] = [
  enumFact(
    'applicantType',
    l('申请人类型', 'Applicant type'),
    l(
      '谁在申请。个人和用人单位视为同一个人及其岗位的案例，双方的项目都会列出并注明领取方。',
      'Who is asking. For a person or an employer the case is one person and their job; items for both sides are shown, each with its recipient.',
    ),
    {
      person: l('个人', 'Person'),
      employer: l('用人单位', 'Employer'),
      'hr-agency': l('人力资源服务机构', 'HR service agency'),
      district: l('区县', 'District'),
      'training-base': l('培训基地', 'Training base'),
      'incubation-base': l('创业孵化基地', 'Incubation base'),
    },
  ),
  enumFact('degree', l('学历', 'Degree'), l('最高学历', 'Highest degree'), {
    none: l('无', 'None'),
    secondary: l('中专/高中', 'Secondary'),
    associate: l('大专', 'Associate'),
    bachelor: l('本科', 'Bachelor'),
    master: l('硕士', 'Master'),
    doctorate: l('博士', 'Doctorate'),
  }),
  enumFact(
    'title',
    l('职称', 'Professional title'),
    l('专业技术职称等级', 'Professional-title level (职称)'),
    {
      none: l('无', 'None'),
      junior: l('初级', 'Junior'),
      intermediate: l('中级', 'Intermediate'),
      senior: l('高级', 'Senior'),
    },
    true,
  ),
  numFact(
    'salaryMultiple',
    'number',
    l('年薪倍数', 'Salary multiple'),
    l('年薪 ÷ 全市就业人员平均工资', "Annual salary ÷ the city's average wage of all employed persons"),
    { min: 0, unit: l('倍', '×') },
    true,
  ),
  numFact(
    'annualSalary',
    'number',
    l('年薪', 'Annual salary'),
    l('用人单位支付的年薪（元）', 'Annual salary paid by the employer, in yuan'),
    { min: 0, unit: l('元', 'yuan') },
    true,
  ),
  numFact(
    'contractYears',
    'number',
    l('劳动合同年限', 'Contract length'),
    l('劳动合同期限（年）', 'Length of the labour contract, in years'),
    { min: 0, unit: YEARS },
    true,
  ),
  numFact(
    'socialInsuranceMonths',
    'integer',
    l('社保月数', 'Social-insurance months'),
    l('连续缴纳社会保险的月数', 'Consecutive months of social-insurance contributions'),
    { min: 0, unit: MONTHS },
    true,
  ),
  boolFact(
    'softwareSector',
    l('软件和信息服务业', 'Software sector'),
    l(
      '本人从事或企业经营软件和信息服务业',
      'The person works, or the enterprise operates, in software and information services',
    ),
  ),
  boolFact(
    'relevantMajor',
    l('相关专业', 'Relevant major'),
    l('软件和信息服务相关专业的高校毕业生', 'Graduate of a software/information-related major'),
  ),
  boolFact(
    'doctoralCandidate',
    l('在读博士', 'Doctoral candidate'),
    l('软件和信息服务相关领域在读博士、即将毕业', 'A doctoral student in a related field, about to graduate'),
  ),
  enumFact('postdoc', l('博士后', 'Postdoc'), l('博士后状态', 'Postdoctoral status'), {
    none: l('否', 'None'),
    'in-station': l('在站（进站）', 'In station'),
    completed: l('已出站', 'Completed (left the station)'),
  }, false, true),
  boolFact(
    'staysInChongqing',
    l('留（来）渝', 'Stays in Chongqing'),
    l('出站后留（来）渝继续从事科研工作', 'After the postdoc station, stays in or comes to Chongqing to do research'),
    true,
  ),
  boolFact('hongyanPlan', l('鸿雁计划', 'Hongyan plan'), l('入选“鸿雁计划”', 'Selected for the 鸿雁计划 (Hongyan plan)')),
  boolFact(
    'chongqingTalentPlan',
    l('重庆英才计划', 'Chongqing talent plan'),
    l('入选重庆英才计划', 'Selected for the 重庆英才计划 (Chongqing talent plan)'),
  ),
  boolFact(
    'highLevelTalent',
    l('高层次人才', 'High-level talent'),
    l(
      '按《重庆市引进高层次人才若干优惠政策规定》认定的高层次或急需紧缺人才',
      'Recognised as high-level or urgently needed talent under the city’s high-level talent rules',
    ),
  ),
  boolFact(
    'publicInstitutionEmployer',
    l('事业单位用人', 'Public-institution employer'),
    l('用人单位为事业单位', 'The employer is a public institution (事业单位)'),
  ),
  boolFact(
    'graduateOfCurrentYear',
    l('毕业年度高校毕业生', 'Graduate of the current year'),
    l('毕业年度内的高校毕业生', 'A university graduate in their year of graduation (毕业年度高校毕业生)'),
  ),
  numFact(
    'yearsSinceGraduation',
    'number',
    l('离校年限', 'Years since graduation'),
    l('离开学校的年数', 'Years since leaving school'),
    { min: 0, unit: YEARS },
  ),
  boolFact('registeredUnemployed', l('登记失业', 'Registered unemployed'), l('已登记失业', 'Registered as unemployed (登记失业)')),
  boolFact('hardToEmploy', l('就业困难人员', 'Hard to employ'), l('经认定的就业困难人员', 'Recognised as hard to employ (就业困难人员)')),
  boolFact('chongqingHukou', l('本市户籍', 'Chongqing hukou'), l('重庆市户籍', 'Household registration in Chongqing (我市户籍)')),
  boolFact('povertyAlleviated', l('脱贫人口', 'Poverty-alleviated'), l('脱贫人口', 'Lifted out of poverty (脱贫人口)')),
  boolFact('lowIncomeFamily', l('低保家庭', 'Low-income family'), l('低保家庭成员', 'Member of a 低保 (minimum-living-allowance) family')),
  boolFact('zeroEmploymentFamily', l('零就业家庭', 'Zero-employment family'), l('零就业家庭成员', 'Member of a zero-employment family (零就业家庭)')),
  boolFact(
    'capacityReductionWorker',
    l('去产能企业职工', 'Capacity-reduction worker'),
    l('去产能企业职工', 'Worker of a capacity-reduction (去产能) enterprise'),
  ),
  boolFact('age4050', l('“4050”人员', '"4050" person'), l('女性40岁以上、男性50岁以上', 'A "4050" person (woman 40+, man 50+)')),
  boolFact('disabled', l('残疾人员', 'Disabled'), l('残疾人员', 'Person with a disability (残疾人员)')),
  enumFact('employerSize', l('企业规模', 'Employer size'), l('用人单位规模', 'Size of the employer'), {
    micro: l('微型', 'Micro'),
    small: l('小型', 'Small'),
    medium: l('中型', 'Medium'),
    large: l('大型', 'Large'),
  }),
  numFact(
    'internshipMonths',
    'integer',
    l('见习月数', 'Internship months'),
    l('接收见习的人·月数', 'Months of internship hosted (person-months)'),
    { min: 0, unit: MONTHS },
    true,
  ),
  numFact(
    'internRetentionRate',
    'number',
    l('见习留用率', 'Intern retention rate'),
    l('见习期满留用的比例（0–1）', "Share of the host's interns kept on after the internship (0–1)"),
    { min: 0, max: 1 },
    true,
  ),
  enumFact(
    'startupType',
    l('创业类型', 'Startup type'),
    l('正在创办的经营主体', 'A business being started'),
    {
      none: l('无', 'None'),
      individual: l('个人创业', 'Individual'),
      'individual-business': l('个体工商户', 'Individual business (个体工商户)'),
      'small-micro-enterprise': l('小微企业', 'Small or micro enterprise'),
      enterprise: l('企业', 'Enterprise'),
    },
    // Starting a business is a life decision, not a small change to suggest.
    false,
    true,
  ),
  boolFact(
    'publicInstitutionResearcher',
    l('事业单位科研人员', 'Public-institution researcher'),
    l('高校、科研院所等事业单位的科研人员', 'Researcher at a university or research institute (事业单位)'),
  ),
  boolFact(
    'leavesPostForStartup',
    l('离岗创业', 'Leaves post to start a business'),
    l('离岗创办企业', 'Leaves the post to start a business (离岗创业)'),
    true,
  ),
  enumFact(
    'softwareExamLevel',
    l('软考级别', 'Software exam level'),
    l(
      '计算机技术与软件专业技术资格（水平）考试通过的级别',
      'Level passed in the national computer technology and software qualification exam',
    ),
    { none: l('无', 'None'), junior: l('初级', 'Junior'), intermediate: l('中级', 'Intermediate'), senior: l('高级', 'Senior') },
    true,
    true,
  ),
  enumFact(
    'digitalEngineerCertificate',
    l('数字技术工程师证书', 'Digital engineer certificate'),
    l('数字技术工程师培育项目：培训合格或专业技术等级证书', 'Digital-technology engineer training / certificate level'),
    {
      none: l('无', 'None'),
      trained: l('培训合格', 'Trained (training certificate)'),
      junior: l('初级', 'Junior'),
      intermediate: l('中级', 'Intermediate'),
      senior: l('高级', 'Senior'),
    },
    true,
    true,
  ),
  boolFact(
    'skillLevelCertificate',
    l('职业技能等级证书', 'Skill-level certificate'),
    l('持有职业技能等级证书', 'Holds a vocational skill-level certificate (职业技能等级证书)'),
    true,
  ),
  boolFact(
    'overseasTalent',
    l('境外人才', 'Overseas talent'),
    l('境外人才（含港澳台）', 'Talent from outside the mainland (境外人才)'),
  ),
  boolFact(
    'competitionWinner',
    l('技能竞赛获奖', 'Skills-competition winner'),
    l('在职业技能竞赛中获奖', 'Won a prize in a vocational skills competition'),
  ),
  boolFact(
    'keySoftwareEnterprise',
    l('重点软件企业', 'Key software enterprise'),
    l('重点软件和信息服务企业', 'A key (重点) software and information services enterprise'),
  ),
  enumFact(
    'placementType',
    l('引才类型', 'Placement type'),
    l(
      '人力资源服务机构、社会组织或个人成功引进人才的岗位类型',
      'The kind of post for which an agency, organisation or individual placed the talent',
    ),
    {
      none: l('无', 'None'),
      'jiebang-list': l('“揭榜招贤”榜单', '“揭榜招贤” open-call list'),
      'excellent-engineer-post': l('卓越工程师专项岗位', 'Excellent-engineer post'),
    },
    false,
    true,
  ),
  boolFact(
    'starRatedRecruiter',
    l('星级引才认定', 'Star-rated recruiter'),
    l('协助引进急需紧缺人才并获“星级”认定', 'Recognised with a “star” rating for helping recruit urgently needed talent'),
  ),
  boolFact(
    'talentServiceStation',
    l('人才工作服务站', 'Talent service station'),
    l('设立人才工作服务站或受聘人才服务大使', 'Runs a talent work service station, or is appointed talent service ambassador'),
  ),
  boolFact(
    'softwareHrPark',
    l('软件人力资源服务产业园', 'Software HR park'),
    l(
      '区县建设市级软件人力资源服务产业园或软件人才市场',
      'The district builds a city-level software HR services industrial park or software talent market',
    ),
  ),
  boolFact(
    'skillTrainingPlatform',
    l('数字技能人才培养平台', 'Digital-skills training platform'),
    l(
      '建成软件和信息服务高技能人才培训基地、技能大师工作室等数字技能人才培养平台',
      'Built a high-skill training base, skills-master studio or similar digital-skills platform for the software industry',
    ),
  ),
  boolFact(
    'publicTrainingBaseProject',
    l('公共实训基地项目', 'Public training-base project'),
    l('区县申报公共实训基地或软件和信息服务类实训项目', 'The district applies for a public training base or a software training project'),
  ),
  boolFact(
    'cityIncubationBase',
    l('市级创业孵化基地', 'City-level incubation base'),
    l('成功申报为市级创业孵化基地', 'Recognised as a city-level business incubation base'),
  ),
  boolFact(
    'inIncubationBase',
    l('入驻孵化基地', 'In an incubation base'),
    l('创业项目已入驻创业孵化基地', 'The startup project is hosted in a business incubation base'),
    true,
  ),
  boolFact(
    'startupContestEntrant',
    l('创业大赛参赛', 'Startup-contest entrant'),
    l('参加软件和信息服务业创业大赛的项目', 'The project entered a software-industry startup contest'),
    true,
  ),
  boolFact(
    'outstandingContribution',
    l('突出贡献', 'Outstanding contribution'),
    l('在软件和信息服务业作出突出贡献', 'Made an outstanding contribution to the software and information services industry'),
  ),
];

export const FACT_BY_NAME: ReadonlyMap<string, FactDef> = new Map(FACTS.map((f) => [f.name, f]));

/** How the questionnaire's checklist groups the yes/no facts, so that a long list reads as a few short ones. */
export const CHECKLIST_TOPICS: readonly { label: Label; facts: readonly string[] }[] = [
  {
    label: l('工作与资格', 'Work and qualifications'),
    facts: ['softwareSector', 'relevantMajor', 'graduateOfCurrentYear', 'keySoftwareEnterprise', 'publicInstitutionEmployer', 'softwareExamLevel', 'digitalEngineerCertificate', 'skillLevelCertificate'],
  },
  {
    label: l('人才项目与科研', 'Talent programmes and research'),
    facts: ['hongyanPlan', 'chongqingTalentPlan', 'highLevelTalent', 'doctoralCandidate', 'postdoc', 'staysInChongqing', 'publicInstitutionResearcher', 'overseasTalent', 'competitionWinner', 'outstandingContribution'],
  },
  {
    label: l('就业重点群体', 'Priority employment groups'),
    facts: ['registeredUnemployed', 'hardToEmploy', 'chongqingHukou', 'povertyAlleviated', 'lowIncomeFamily', 'zeroEmploymentFamily', 'capacityReductionWorker', 'age4050', 'disabled'],
  },
  { label: l('创业', 'Starting a business'), facts: ['startupType', 'leavesPostForStartup', 'inIncubationBase', 'startupContestEntrant'] },
  {
    label: l('机构与区县', 'Organisations and districts'),
    facts: ['placementType', 'starRatedRecruiter', 'talentServiceStation', 'softwareHrPark', 'skillTrainingPlatform', 'publicTrainingBaseProject', 'cityIncubationBase'],
  },
];

export function factLabel(name: string, lang: keyof Label): string {
  return FACT_BY_NAME.get(name)?.label[lang] ?? name;
}

export function valueLabel(name: string, value: unknown, lang: keyof Label): string {
  const def = FACT_BY_NAME.get(name);
  if (def?.type === 'enum' && typeof value === 'string') return def.valueLabels[value]?.[lang] ?? value;
  if (def?.type === 'boolean' && typeof value === 'boolean') {
    return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  }
  return String(value);
}

/** What a fact accepts, in words: used in error messages and the README. */
export function describeAllowed(def: FactDef): string {
  switch (def.type) {
    case 'enum':
      return `one of ${def.values.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'integer':
    case 'number': {
      const kind = def.type === 'integer' ? 'a whole number' : 'a number';
      return def.max === undefined ? `${kind} ≥ ${def.min}` : `${kind} from ${def.min} to ${def.max}`;
    }
  }
}
