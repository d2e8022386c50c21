/**
 * Answers remembered for one catalog view: an answer is a pure function of the view and the input,
 * and a portal or a bot asks the same few questions again and again. Keyed on the view object itself,
 * so a refresh (or replaceView) installs a new view and the first question after it starts afresh.
 * Least recently used answers go first; inputs longer than `maxKeyLength` (as JSON) are not kept.
 * Answers are shared between requests: nobody may change one after it is made.
 */
export class PerViewAnswers<T> {
  private view: object | null = null;
  private answers = new Map<string, T>();

  constructor(
    private readonly maxAnswers: number,
    private readonly maxKeyLength: number,
  ) {}

  get(view: object, input: unknown, compute: () => T): T {
    if (this.view !== view) {
      this.view = view;
      this.answers = new Map();
    }
    const key = JSON.stringify(input);
    const known = this.answers.get(key);
    if (known !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    const answer = compute();
    if (key.length <= this.maxKeyLength) {
      if (this.answers.size >= this.maxAnswers) this.answers.delete(this.answers.keys().next().value as string);
      this.answers.set(key, answer);
    }
    return answer;
  }
}
