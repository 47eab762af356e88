import { Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@updraft/auth';
import { ACTION_LINK_PATH } from '@updraft/notifications';
import type { Request, Response } from 'express';
import type { ActionLinkPage } from './action-link-page';
import { readFormField } from './form-body';
import { ActionLinksService } from './action-links.service';

/**
 * The one-click links in alert and approval messages, for browsers (HTML pages, outside the API
 * document). The token is the credential: GET shows what it would do, the page's button POSTs it
 * in the body (never in the URL, so the audit log and proxies never hold a usable token).
 */
@ApiExcludeController()
@Controller(ACTION_LINK_PATH)
export class ActionLinksController {
  constructor(private readonly links: ActionLinksService) {}

  @Get(':token')
  @Public()
  @Header('Cache-Control', 'no-store')
  async show(@Param('token') token: string, @Res() res: Response): Promise<void> {
    send(res, await this.links.show(token));
  }

  @Post()
  @HttpCode(200)
  @Public()
  @Header('Cache-Control', 'no-store')
  async act(@Req() req: Request, @Res() res: Response): Promise<void> {
    send(res, await this.links.act(await readFormField(req, 'token'), req));
  }
}

function send(res: Response, page: ActionLinkPage): void {
  res.status(page.status).type('html').send(page.html);
}
