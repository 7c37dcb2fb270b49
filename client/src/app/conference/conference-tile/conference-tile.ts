import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import { ConferenceTile as Tile } from '../conference-layout';
import { Icon } from '../../core/icons/icon';
import { MediaTrack } from '../media-track';

/**
 * One peer's picture (or a shared screen), labelled with the person's or the commune's name, with its
 * microphone and camera state; the name's initials when there is no video.
 */
@Component({
  selector: 'ec-conference-tile',
  imports: [TranslocoDirective, Icon, MediaTrack],
  templateUrl: './conference-tile.html',
  styleUrl: './conference-tile.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConferenceTile {
  readonly tile = input.required<Tile>();
  readonly large = input(false);

  protected readonly initials = computed(() =>
    this.tile()
      .displayName.split(/\s+/)
      .filter(Boolean)
      .slice(-2)
      .map((word) => word[0]?.toLocaleUpperCase('vi'))
      .join(''),
  );
}
