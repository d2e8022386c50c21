/** Public surface of the pure policies core (templates, rendering, the Windows policy check). */
export { listTemplates, getTemplate, renderTemplate } from './template.catalogue.js';
export { checkPolicyForWindows, WindowsRule, WINDOWS_RULE_EFFECTS, MAX_MANIFEST_BYTES, MAX_DOCUMENTS } from './windows-policy.check.js';
export type { Finding, WindowsPolicyCheck, WindowsRewrite } from './windows-policy.check.js';
export { ParameterRule, parameterMaxLength } from './parameter.validation.js';
export { TemplateKind } from './policy-template.model.js';
export { kubeProxyDsrFlags } from './windows-bootstrap.render.js';
export { familyInstanceTypes, windowsMaxPods } from './render-catalog.js';
export type {
  JsonValue,
  MediaType,
  ParameterFormat,
  ParameterType,
  PolicyTemplate,
  RenderCatalog,
  RenderOptions,
  RenderResult,
  RenderWarning,
  TemplateParameter,
  WindowsIpMode,
} from './policy-template.model.js';
