// bpmnlint for modelling style in the browser, bundled at build time: the rules are imported statically, so the
// designer never fetches a lint configuration at run time (the Content-Security-Policy would not allow it anyway).
// Only style rules are here; whether the engine can run the model is the server's validation.
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import fakeJoin from 'bpmnlint/rules/fake-join';
import labelRequired from 'bpmnlint/rules/label-required';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';

type RuleFactory = (...args: unknown[]) => unknown;

const rules: Record<string, RuleFactory> = {
  'conditional-flows': conditionalFlows,
  'end-event-required': endEventRequired,
  'fake-join': fakeJoin,
  'label-required': labelRequired,
  'no-disconnected': noDisconnected,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-implicit-split': noImplicitSplit,
  'single-blank-start-event': singleBlankStartEvent,
  'start-event-required': startEventRequired,
  'superfluous-gateway': superfluousGateway,
};

/** The `{config, resolver}` pair bpmn-js-bpmnlint expects (what bpmnlint-loader would generate). */
export const lintConfig = {
  config: {
    rules: {
      'conditional-flows': 'error',
      'end-event-required': 'error',
      'start-event-required': 'error',
      'no-disconnected': 'error',
      'no-duplicate-sequence-flows': 'error',
      'fake-join': 'warn',
      'label-required': 'warn',
      'no-gateway-join-fork': 'warn',
      'no-implicit-split': 'warn',
      'single-blank-start-event': 'warn',
      'superfluous-gateway': 'warn',
    },
  },
  resolver: {
    resolveRule(pkg: string, ruleName: string): RuleFactory {
      const rule = pkg === 'bpmnlint' ? rules[ruleName] : undefined;
      if (!rule) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
      return rule;
    },
    resolveConfig(pkg: string, configName: string): never {
      throw new Error(`unknown config <${pkg}/${configName}>`);
    },
  },
};
