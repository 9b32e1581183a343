/** Keys of the program texts that name a form, page or field. The format is documented in docs/authoring.md. */
export const textKeys = {
  formTitle: (form: string) => `forms.${form}.title`,
  pageTitle: (form: string, page: string) => `forms.${form}.pages.${page}.title`,
  fieldLabel: (form: string, path: string) => `forms.${form}.fields.${path}.label`,
  fieldHelp: (form: string, path: string) => `forms.${form}.fields.${path}.help`,
  fieldOption: (form: string, path: string, value: string | number | boolean | null) => `forms.${form}.fields.${path}.options.${String(value)}`,
  fieldError: (form: string, path: string, code: string) => `forms.${form}.fields.${path}.errors.${code}`,
  error: (code: string) => `errors.${code}`,
};
