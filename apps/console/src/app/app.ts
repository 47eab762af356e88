import { Component } from '@angular/core';
import { RouterModule } from '@angular/router';
import { NxWelcome } from './nx-welcome';

@Component({
  imports: [NxWelcome, RouterModule],
  selector: 'ud-root',
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected title = 'console';
}
