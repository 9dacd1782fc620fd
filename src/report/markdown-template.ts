/**
 * The default PR-comment template (Handlebars). Users replace it with `--template FILE`; the
 * fields it may use are `MarkdownContext` (markdown-context.ts), the helpers `cell` (table-safe
 * text) and `inlineCode` (a code span, table-safe). `{{ }}` HTML-escapes; use `{{{ }}}` only for
 * text that must stay verbatim, such as commands inside a fenced block.
 */
export const DEFAULT_MARKDOWN_TEMPLATE = `{{#if passed}}
### copperplate: nothing blocking
{{else}}
### copperplate: changes need attention
{{/if}}

**{{summaryLine}}**
{{#if diagnostics.length}}

#### Diagnostics

| Severity | Code | Where | Message |
| --- | --- | --- | --- |
{{#each diagnostics}}
| {{severity}} | {{inlineCode this.code}} | {{inlineCode location}} | {{cell message}}{{#if hint}}<br>{{cell hint}}{{/if}} |
{{/each}}
{{/if}}
{{#if errors.length}}

#### Blocking findings

| Policy | Resource | Where | Message | Remediation |
| --- | --- | --- | --- | --- |
{{#each errors}}
| {{inlineCode ruleLabel}} | {{cell subject}}{{#if path}}<br>{{inlineCode path}}{{/if}} | {{inlineCode location}}{{#if valueSourceLocation}}<br>value from {{inlineCode valueSourceLocation}}{{/if}} | {{cell message}} | {{cell remediation}} |
{{/each}}
{{/if}}
{{#if signoffs.length}}

#### Sign-offs required

| Policy | Resource | Where | Change | Fingerprint |
| --- | --- | --- | --- | --- |
{{#each signoffs}}
| {{inlineCode ruleLabel}} | {{cell subject}}{{#if path}}<br>{{inlineCode path}}{{/if}} | {{inlineCode location}}{{#if valueSourceLocation}}<br>value from {{inlineCode valueSourceLocation}}{{/if}} | {{cell message}} | {{inlineCode fingerprint}} |
{{/each}}

To sign off, a reviewer runs (then commits \`approvals.yaml\`):

\`\`\`sh
{{#each signoffs}}
{{#if approveCommand}}
{{{approveCommand}}}
{{/if}}
{{/each}}
\`\`\`
{{#if approvers}}

{{!-- a code span: the comment must not @-mention the owners on every push --}}
Who must sign: {{inlineCode approvers.summary}}
{{/if}}
{{/if}}
{{#if warnings.length}}

#### Warnings

| Policy | Resource | Where | Message |
| --- | --- | --- | --- |
{{#each warnings}}
| {{inlineCode ruleLabel}} | {{cell subject}}{{#if path}}<br>{{inlineCode path}}{{/if}} | {{inlineCode location}} | {{cell message}} |
{{/each}}
{{/if}}
{{#if notes.length}}

#### Notes

| Policy | Resource | Where | Message |
| --- | --- | --- | --- |
{{#each notes}}
| {{inlineCode ruleLabel}} | {{cell subject}}{{#if path}}<br>{{inlineCode path}}{{/if}} | {{inlineCode location}} | {{cell message}} |
{{/each}}
{{/if}}
{{#if approved.length}}

<details>
<summary>Approved ({{approved.length}})</summary>

| Policy | Resource | Fingerprint | Approved by | Reason |
| --- | --- | --- | --- | --- |
{{#each approved}}
| {{inlineCode ruleLabel}} | {{cell subject}}{{#if path}}<br>{{inlineCode path}}{{/if}} | {{inlineCode fingerprint}} | {{cell approvedBy}} | {{cell approvalReason}} |
{{/each}}

</details>
{{/if}}

<sub>copperplate {{tool.version}}</sub>
`;
