import { render } from 'preact';
import './styles.css';
import { App } from './shell/App';

render(<App />, document.getElementById('app')!);
